package io.portcullis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.inventory.Location;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.check.ManifestSite;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.policy.BenchmarkResult;
import io.portcullis.policy.ControlResult;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and warnings-ng: one rule per vulnerability, one result
 * per shown finding (suppressed ones carry a SARIF suppression), located at the package's path in
 * the image; one rule and result per failed compliance control that no finding stands for. GitHub ranks
 * alerts by the rule's {@code security-severity} property.
 */
public final class SarifReport implements ReportWriter {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Results are written one at a time, each node made as it is written: memory does not grow with the findings. */
    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<AssessedFinding> findings = report.displayedFindings();
        List<AssessedCheck> checks = report.displayedChecks();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = MAPPER.createArrayNode();
        for (AssessedFinding a : findings) {
            Finding f = a.finding();
            if (!ruleIndex.containsKey(f.vulnerabilityId())) {
                ruleIndex.put(f.vulnerabilityId(), ruleIndex.size());
                rules.add(rule(f));
            }
        }
        for (AssessedCheck c : checks) {
            if (!ruleIndex.containsKey(c.finding().ruleId())) {
                ruleIndex.put(c.finding().ruleId(), ruleIndex.size());
                rules.add(checkRule(c.finding()));
            }
        }
        List<FailedControl> controls = failedControlsWithoutFindings(report);
        for (FailedControl c : controls) {
            ruleIndex.put(c.ruleId(), ruleIndex.size());
            rules.add(controlRule(c));
        }
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA_URI);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeFieldName("tool");
            json.writeTree(tool(report, rules));
            json.writeArrayFieldStart("results");
            for (AssessedFinding a : findings) {
                json.writeTree(result(a, ruleIndex.get(a.finding().vulnerabilityId()), report.imageName()));
            }
            for (AssessedCheck c : checks) {
                json.writeTree(checkResult(c, ruleIndex.get(c.finding().ruleId()), report.imageName()));
            }
            for (FailedControl c : controls) {
                json.writeTree(controlResult(c, ruleIndex.get(c.ruleId()), report.imageName()));
            }
            json.writeEndArray();
            json.writeFieldName("invocations");
            json.writeTree(invocations(report));
            json.writeFieldName("properties");
            json.writeTree(runProperties(report));
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static ObjectNode tool(Report report, ArrayNode rules) {
        ObjectNode tool = MAPPER.createObjectNode();
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", "Portcullis");
        driver.put("version", report.toolVersion());
        driver.put("semanticVersion", report.toolVersion().replaceAll("[^0-9A-Za-z.+-]", ""));
        driver.set("rules", rules);
        return tool;
    }

    private static ObjectNode runProperties(Report report) {
        ObjectNode properties = MAPPER.createObjectNode().put("image", report.imageName()).put("verdict", report.verdict().outcome().name());
        properties.putObject("signature").put("status", report.scan().signature().status().name())
                .put("reason", report.scan().signature().reason()).put("keyFingerprint", report.scan().signature().keyFingerprint());
        SbomValidation sboms = report.scan().sbomValidation();
        if (sboms.ran()) {
            properties.putObject("sbomValidation").put("valid", sboms.valid()).put("summary", sboms.summary());
        }
        return properties;
    }

    private static ArrayNode invocations(Report report) {
        ArrayNode invocations = MAPPER.createArrayNode();
        ObjectNode invocation = invocations.addObject();
        invocation.put("executionSuccessful", true);
        invocation.put("exitCode", report.verdict().exitCode());
        return invocations;
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", f.vulnerabilityId());
        rule.put("name", f.vulnerabilityId().replaceAll("[^A-Za-z0-9]", ""));
        String title = f.summary() == null || f.summary().isBlank() ? f.vulnerabilityId() : f.summary().strip();
        rule.putObject("shortDescription").put("text", title);
        rule.putObject("fullDescription").put("text", title);
        rule.putObject("defaultConfiguration").put("level", level(f.severity()));
        f.references().stream().filter(SarifReport::isAbsoluteUri).findFirst().ifPresent(u -> rule.put("helpUri", u));
        StringBuilder help = new StringBuilder(f.vulnerabilityId());
        if (!f.aliases().isEmpty()) {
            help.append(" (").append(String.join(", ", f.aliases())).append(')');
        }
        help.append("\nSeverity: ").append(f.severity());
        if (f.cvssVector() != null) {
            help.append(" (").append(f.cvssVector()).append(')');
        }
        rule.putObject("help").put("text", help.toString());
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security").add("vulnerability").add(f.severity().name());
        String securitySeverity = securitySeverity(f);
        if (securitySeverity != null) {
            properties.put("security-severity", securitySeverity);
        }
        return rule;
    }

    private static ObjectNode result(AssessedFinding a, int ruleIndex, String image) {
        Finding f = a.finding();
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", f.vulnerabilityId());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.severity()));
        String fix = f.hasFix() ? "fixed in " + String.join(", ", f.fixedVersions()) : "no fix available";
        result.putObject("message").put("text", "Package: " + f.pkg().name() + "\nInstalled version: " + f.pkg().version()
                + "\nVulnerability " + f.vulnerabilityId() + "\nSeverity: " + f.severity() + "\n" + fix + "\nImage: " + image);
        ArrayNode locations = result.putArray("locations");
        List<Location> packageLocations = f.pkg().locations();
        if (packageLocations.isEmpty()) {
            locations.add(location(f.pkg().purl() != null ? f.pkg().purl() : f.pkg().name(), packageText(f)));
        } else {
            packageLocations.forEach(l -> locations.add(location(l.path(), packageText(f))));
        }
        result.putObject("partialFingerprints").put("portcullisFinding/v1",
                f.vulnerabilityId() + "|" + f.pkg().name() + "|" + f.pkg().version());
        if (a.suppressed()) {
            addSuppression(result, a.suppression().describe());
        }
        return result;
    }

    /** A failed compliance control of a benchmark. */
    private record FailedControl(BenchmarkResult benchmark, ControlResult control) {
        String ruleId() {
            return benchmark.name() + "/" + control.control();
        }
    }

    /**
     * Failed controls no finding stands for (PCI DSS 6.4, 10.2): a control that fails through findings (CIS 4.1 by
     * its configuration check, PCI DSS 6.2 by its vulnerabilities) is already shown by those findings' results.
     */
    private static List<FailedControl> failedControlsWithoutFindings(Report report) {
        return report.assessment().compliance().stream()
                .flatMap(b -> b.failed().stream().filter(c -> c.findings().isEmpty()).map(c -> new FailedControl(b, c))).toList();
    }

    private static ObjectNode controlRule(FailedControl c) {
        ObjectNode rule = MAPPER.createObjectNode();
        String title = c.benchmark().fullTitle() + " " + c.control().control() + ": " + c.control().title();
        rule.put("id", c.ruleId());
        rule.put("name", c.ruleId().replaceAll("[^A-Za-z0-9]", ""));
        rule.putObject("shortDescription").put("text", title);
        rule.putObject("fullDescription").put("text", title);
        rule.putObject("defaultConfiguration").put("level", "error");
        rule.putObject("help").put("text", title + "\nA failed automated control fails the compliance gate.");
        rule.putObject("properties").putArray("tags").add("security").add("compliance").add(c.benchmark().name());
        return rule;
    }

    private static ObjectNode controlResult(FailedControl c, int ruleIndex, String image) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", c.ruleId());
        result.put("ruleIndex", ruleIndex);
        result.put("level", "error");
        result.putObject("message").put("text", c.benchmark().fullTitle() + " " + c.control().control() + " failed: "
                + String.join("; ", c.control().evidence()) + "\nImage: " + image);
        result.putArray("locations").add(location(image, c.control().title()));
        result.putObject("partialFingerprints").put("portcullisControl/v1", c.ruleId());
        return result;
    }

    private static ObjectNode checkRule(CheckFinding f) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", f.ruleId());
        rule.put("name", f.ruleId().replaceAll("[^A-Za-z0-9]", ""));
        rule.putObject("shortDescription").put("text", f.title());
        rule.putObject("fullDescription").put("text", f.title()
                + (f.cisControl() == null ? "" : " (CIS Docker Benchmark 1.3.1 " + f.cisControl() + ")"));
        rule.putObject("defaultConfiguration").put("level", level(f.severity()));
        rule.putObject("help").put("text", f.title() + "\nSeverity: " + f.severity());
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags").add("security").add(f.kind() == CheckKind.SECRET ? "secret" : "misconfiguration");
        if (f.kind() == CheckKind.KUBERNETES) {
            tags.add("kubernetes");
        }
        tags.add(f.severity().name());
        String securitySeverity = bandMiddle(f.severity());
        if (securitySeverity != null) {
            properties.put("security-severity", securitySeverity);
        }
        return rule;
    }

    private static ObjectNode checkResult(AssessedCheck a, int ruleIndex, String image) {
        CheckFinding f = a.finding();
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", f.ruleId());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.severity()));
        if (f.manifest() != null) {
            manifestResult(result, f);
        } else {
            result.putObject("message").put("text", f.message() + (f.removed() ? " (removed by a later layer, still in the image)" : "")
                    + (f.historyStep() == null ? "" : "\nBuild step: " + f.historyStep()) + "\nImage: " + image);
            result.putArray("locations").add(location(f.location(), f.title()));
        }
        result.putObject("partialFingerprints").put("portcullisCheck/v1",
                f.ruleId() + "|" + f.location() + "|" + (f.layerDiffId() == null ? "" : f.layerDiffId()));
        if (a.suppressed()) {
            addSuppression(result, a.suppression().describe());
        }
        return result;
    }

    /** A Kubernetes finding sits in the user's own manifest: the file as the artifact, the offending line as the region. */
    private static void manifestResult(ObjectNode result, CheckFinding f) {
        ManifestSite site = f.manifest();
        result.putObject("message").put("text", f.message() + "\nField: " + site.field() + "\nManifest: " + site.file()
                + " (document " + site.document() + (site.helmSource() == null ? "" : ", from " + site.helmSource()) + ")");
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", toUri(site.file().replace('\\', '/')));
        physical.putObject("region").put("startLine", site.line());
        location.putArray("logicalLocations").addObject().put("fullyQualifiedName", site.workload() + "/" + site.field()).put("kind", "object");
        location.putObject("message").put("text", f.title());
    }

    /** A file in the image, as SARIF places a result: the path as a relative URI, line 1, and what is there. */
    private static ObjectNode location(String path, String message) {
        ObjectNode location = MAPPER.createObjectNode();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", toUri(path));
        physical.putObject("region").put("startLine", 1);
        location.putObject("message").put("text", message);
        return location;
    }

    private static String packageText(Finding f) {
        return f.pkg().name() + " " + f.pkg().version();
    }

    /** A finding the user's ignore file or VEX accepted: kept in the log, marked so viewers hide it. */
    private static void addSuppression(ObjectNode result, String justification) {
        ObjectNode suppression = result.putArray("suppressions").addObject();
        suppression.put("kind", "external");
        suppression.put("status", "accepted");
        suppression.put("justification", justification);
    }

    /** Image paths are relative URI references (no leading slash), percent-encoded where needed. */
    static String toUri(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.startsWith("pkg:")) {
            return relative;
        }
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return relative.replaceAll("[^A-Za-z0-9._~/!-]", "_");
        }
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, UNKNOWN -> "note";
        };
    }

    /** GitHub's scale: a CVSS base score when known, else the middle of the severity's band. */
    private static String securitySeverity(Finding f) {
        if (f.cvssScore() != null) {
            return String.format(Locale.ROOT, "%.1f", f.cvssScore());
        }
        return bandMiddle(f.severity());
    }

    private static String bandMiddle(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
            case UNKNOWN -> null;
        };
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
