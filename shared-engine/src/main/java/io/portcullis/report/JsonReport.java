package io.portcullis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.RuleResult;
import io.portcullis.policy.SuppressionRule;
import io.portcullis.vulndb.DatabaseInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Our own machine-readable report, documented in docs/report-schema.md and described by the JSON
 * Schema {@code io/portcullis/report/report-schema-1.json}. Contains every finding, suppressed or not.
 */
public final class JsonReport implements ReportWriter {
    /** Bumped on incompatible changes; additions keep the major version. */
    public static final String SCHEMA_VERSION = "1.2";
    public static final String SCHEMA_RESOURCE = "report-schema-1.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
        out.write('\n');
    }

    static ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putObject("tool").put("name", "portcullis").put("version", report.toolVersion());
        root.set("image", image(report.scan().image()));
        var osInfo = report.scan().inventory().os();
        if (osInfo == null) {
            root.putNull("os");
        } else {
            root.putObject("os").put("id", osInfo.id()).put("versionId", osInfo.versionId()).put("prettyName", osInfo.prettyName());
        }
        root.set("database", database(report.scan().database()));
        ObjectNode scan = root.putObject("scan");
        scan.put("startedAt", report.scan().startedAt().toString());
        scan.put("durationMillis", report.scan().duration().toMillis());
        scan.put("packageCount", report.scan().inventory().packages().size());
        ArrayNode inventoryWarnings = scan.putArray("warnings");
        report.scan().inventory().warnings().forEach(inventoryWarnings::add);

        ObjectNode verdict = root.putObject("verdict");
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

        ObjectNode summary = root.putObject("summary");
        summary.put("total", report.findings().size());
        summary.put("suppressed", report.suppressedFindings().size());
        ObjectNode bySeverity = summary.putObject("open");
        for (Severity s : Severity.highestFirst()) {
            bySeverity.put(s.name(), report.openCounts().get(s));
        }
        ObjectNode checkCounts = summary.putObject("checks");
        for (CheckKind kind : CheckKind.values()) {
            checkCounts.put(kind.name(), report.checks().stream().filter(c -> !c.suppressed() && c.finding().kind() == kind).count());
        }
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(a -> findings.add(finding(a)));
        ArrayNode checks = root.putArray("checks");
        report.checks().forEach(c -> checks.add(check(c)));
        return root;
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
