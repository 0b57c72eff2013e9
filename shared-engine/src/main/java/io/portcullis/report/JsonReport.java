package io.portcullis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.check.ManifestSite;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.BenchmarkResult;
import io.portcullis.policy.ControlResult;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.RuleResult;
import io.portcullis.policy.SuppressionRule;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.signature.SignatureVerification;
import io.portcullis.vulndb.DatabaseInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our own machine-readable report, documented in docs/report-schema.md and described by the JSON
 * Schema {@code io/portcullis/report/report-schema-1.json}. Contains every finding, suppressed or not.
 */
public final class JsonReport implements ReportWriter {
    /** Bumped on incompatible changes; additions keep the major version. */
    public static final String SCHEMA_VERSION = "1.4";
    public static final String SCHEMA_RESOURCE = "report-schema-1.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * One method per top-level section, in document order. Findings and checks are written one at a time, each
     * node made as it is written, so memory does not grow with their number.
     */
    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<AssessedFinding> findings = report.findings();
        List<AssessedCheck> checks = report.checks();
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("schemaVersion", SCHEMA_VERSION);
            section(json, "tool", MAPPER.createObjectNode().put("name", "portcullis").put("version", report.toolVersion()));
            section(json, "image", image(report.scan().image()));
            section(json, "os", os(report.scan().inventory().os()));
            section(json, "database", database(report.scan().database()));
            section(json, "scan", scan(report));
            section(json, "verdict", verdict(report));
            section(json, "signature", signature(report.scan().signature()));
            section(json, "sbomValidation", sbomValidation(report.scan().sbomValidation()));
            json.writeFieldName("compliance");
            json.writeTree(compliance(report.assessment().compliance()));
            section(json, "summary", summary(report, findings, checks));
            json.writeArrayFieldStart("findings");
            for (AssessedFinding a : findings) {
                json.writeTree(finding(a));
            }
            json.writeEndArray();
            json.writeArrayFieldStart("checks");
            for (AssessedCheck c : checks) {
                json.writeTree(check(c));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** A null section is written as JSON null. */
    private static void section(JsonGenerator json, String name, ObjectNode content) throws IOException {
        json.writeFieldName(name);
        if (content == null) {
            json.writeNull();
        } else {
            json.writeTree(content);
        }
    }

    private static ObjectNode os(OperatingSystem os) {
        return os == null ? null : MAPPER.createObjectNode().put("id", os.id()).put("versionId", os.versionId()).put("prettyName", os.prettyName());
    }

    private static ObjectNode scan(Report report) {
        ObjectNode scan = MAPPER.createObjectNode();
        scan.put("startedAt", report.scan().startedAt().toString());
        scan.put("durationMillis", report.scan().duration().toMillis());
        scan.put("packageCount", report.scan().inventory().packages().size());
        ArrayNode inventoryWarnings = scan.putArray("warnings");
        report.scan().inventory().warnings().forEach(inventoryWarnings::add);
        return scan;
    }

    private static ObjectNode verdict(Report report) {
        ObjectNode verdict = MAPPER.createObjectNode();
        verdict.put("outcome", report.verdict().outcome().name());
        verdict.put("exitCode", report.verdict().exitCode());
        ArrayNode rules = verdict.putArray("rules");
        for (RuleResult r : report.verdict().rules()) {
            ObjectNode rule = rules.addObject();
            rule.put("rule", r.rule()).put("status", r.status().name()).put("limit", r.limit()).put("actual", r.actual());
            ArrayNode ids = rule.putArray("findings");
            r.findingIds().forEach(ids::add);
            rule.put("message", r.message());
        }
        ArrayNode warnings = verdict.putArray("warnings");
        report.verdict().warnings().forEach(warnings::add);
        return verdict;
    }

    private static ArrayNode compliance(List<BenchmarkResult> benchmarks) {
        ArrayNode array = MAPPER.createArrayNode();
        for (BenchmarkResult b : benchmarks) {
            ObjectNode node = array.addObject();
            node.put("name", b.name()).put("title", b.title()).put("version", b.version());
            node.put("score", b.score().orElse(null));
            node.put("passed", b.passed()).put("evaluated", b.evaluated());
            ArrayNode controls = node.putArray("controls");
            for (ControlResult c : b.controls()) {
                ObjectNode control = controls.addObject();
                control.put("id", c.control()).put("title", c.title()).put("status", c.status().name());
                ArrayNode evidence = control.putArray("evidence");
                c.evidence().forEach(evidence::add);
                ArrayNode findings = control.putArray("findings");
                c.findings().forEach(findings::add);
            }
        }
        return array;
    }

    private static ObjectNode summary(Report report, List<AssessedFinding> findings, List<AssessedCheck> checks) {
        ObjectNode summary = MAPPER.createObjectNode();
        summary.put("total", findings.size());
        summary.put("suppressed", findings.stream().filter(AssessedFinding::suppressed).count());
        ObjectNode bySeverity = summary.putObject("open");
        Map<Severity, Integer> open = report.openCounts();
        for (Severity s : Severity.highestFirst()) {
            bySeverity.put(s.name(), open.get(s));
        }
        ObjectNode checkCounts = summary.putObject("checks");
        for (CheckKind kind : CheckKind.values()) {
            checkCounts.put(kind.name(), checks.stream().filter(c -> !c.suppressed() && c.finding().kind() == kind).count());
        }
        return summary;
    }

    private static ObjectNode image(ImageMetadata image) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reference", image.reference());
        node.put("manifestDigest", image.manifestDigest());
        node.put("configDigest", image.configDigest());
        node.put("platform", image.platform() == null ? null : image.platform().toString());
        ArrayNode diffIds = node.putArray("diffIds");
        image.diffIds().forEach(diffIds::add);
        ArrayNode tags = node.putArray("repoTags");
        image.repoTags().forEach(tags::add);
        return node;
    }

    private static ObjectNode signature(SignatureVerification signature) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", signature.status().name());
        node.put("reason", signature.reason());
        node.put("keyFingerprint", signature.keyFingerprint());
        node.put("signedReference", signature.signedReference());
        return node;
    }

    private static ObjectNode sbomValidation(SbomValidation validation) {
        if (!validation.ran()) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("valid", validation.valid());
        ArrayNode documents = node.putArray("documents");
        for (SbomCheck check : validation.documents()) {
            ObjectNode document = documents.addObject();
            document.put("document", check.document()).put("format", check.format()).put("valid", check.valid())
                    .put("problemCount", check.problemCount());
            ArrayNode problems = document.putArray("problems");
            check.problems().forEach(p -> problems.addObject().put("pointer", p.pointer()).put("message", p.message()));
            document.put("componentsChecked", check.componentsChecked()).put("imagePackages", check.imagePackages())
                    .put("missingCount", check.missingCount());
            ArrayNode missing = document.putArray("missing");
            check.missing().forEach(missing::add);
        }
        return node;
    }

    private static ObjectNode database(DatabaseInfo db) {
        if (db == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schemaVersion", db.schemaVersion());
        node.put("builtAt", db.builtAt() == null ? null : db.builtAt().toString());
        ArrayNode sources = node.putArray("sources");
        db.sources().forEach(sources::add);
        node.put("checksum", db.checksum());
        return node;
    }

    private static ObjectNode finding(AssessedFinding a) {
        Finding f = a.finding();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", f.vulnerabilityId());
        ArrayNode aliases = node.putArray("aliases");
        f.aliases().forEach(aliases::add);
        node.put("severity", f.severity().name());
        node.put("severitySource", f.severitySource());
        if (f.cvssScore() == null) {
            node.putNull("cvssScore");
        } else {
            node.put("cvssScore", f.cvssScore());
        }
        node.put("cvssVector", f.cvssVector());
        node.put("summary", f.summary());
        node.set("package", pkg(f.pkg()));
        ArrayNode fixed = node.putArray("fixedVersions");
        f.fixedVersions().forEach(fixed::add);
        node.put("fixAvailable", f.hasFix());
        ArrayNode refs = node.putArray("references");
        f.references().forEach(refs::add);
        node.put("published", f.published() == null ? null : f.published().toString());
        node.put("counted", a.counted());
        node.put("shown", a.shown());
        node.put("allowedByPolicy", a.allowedByPolicy());
        node.put("unfixedIgnored", a.unfixedIgnored());
        node.set("suppression", a.suppression() == null ? null : suppression(a.suppression()));
        return node;
    }

    private static ObjectNode check(AssessedCheck a) {
        CheckFinding f = a.finding();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", f.kind().name());
        node.put("id", f.ruleId());
        node.put("severity", f.severity().name());
        node.put("title", f.title());
        node.put("message", f.message());
        node.put("location", f.location());
        node.put("line", f.line());
        node.put("layerIndex", f.layerIndex());
        node.put("layerDiffId", f.layerDiffId());
        node.put("historyStep", f.historyStep());
        node.put("cisControl", f.cisControl());
        node.put("removed", f.removed());
        node.put("counted", a.counted());
        node.put("shown", a.shown());
        node.set("suppression", a.suppression() == null ? null : suppression(a.suppression()));
        node.set("manifest", f.manifest() == null ? null : manifest(f.manifest()));
        return node;
    }

    private static ObjectNode manifest(ManifestSite site) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file", site.file()).put("document", site.document()).put("line", site.line()).put("kind", site.kind())
                .put("name", site.name()).put("namespace", site.namespace()).put("container", site.container())
                .put("field", site.field()).put("helmSource", site.helmSource());
        return node;
    }

    private static ObjectNode pkg(Package p) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", p.type()).put("name", p.name()).put("version", p.version()).put("purl", p.purl());
        ArrayNode locations = node.putArray("locations");
        for (Location l : p.locations()) {
            locations.addObject().put("layerDiffId", l.layerDiffId()).put("path", l.path());
        }
        return node;
    }

    private static ObjectNode suppression(SuppressionRule s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        node.put("status", s.status());
        node.put("justification", s.justification());
        node.put("statement", s.statement());
        node.put("expires", s.expires() == null ? null : s.expires().toString());
        node.put("origin", s.origin());
        return node;
    }
}
