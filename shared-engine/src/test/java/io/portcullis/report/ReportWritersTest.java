package io.portcullis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEvaluator;
import io.portcullis.policy.Suppressions;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.sbom.SchemaProblem;
import io.portcullis.scan.ScanResult;
import io.portcullis.testing.JunitXsd;
import io.portcullis.testing.ReportSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWritersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Report report = ReportFixture.report();

    @TempDir
    Path dir;

    @Test
    void verdictOfTheFixture() {
        assertFalse(report.verdict().passed());
        assertEquals(List.of("high_vulnerabilities"), report.verdict().reasons().stream().map(r -> r.rule()).toList());
    }

    @Test
    void jsonValidatesAgainstOurSchemaAndKeepsSuppressedFindings() throws IOException {
        JsonNode json = MAPPER.readTree(render(new JsonReport()));
        JsonSchema schema = ReportSchemas.jsonReport();
        Set<ValidationMessage> errors = schema.validate(json);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(6, json.path("findings").size());
        JsonNode log4j = json.path("findings").get(0);
        assertEquals("GHSA-jfh8-c2jp-5v3q", log4j.path("id").asText());
        assertEquals("ignore_file", log4j.path("suppression").path("kind").asText());
        assertEquals("2.15.0", log4j.path("fixedVersions").get(0).asText());
        assertEquals(10.0, log4j.path("cvssScore").asDouble());
        assertEquals(2, json.path("summary").path("open").path("HIGH").asInt());
        assertEquals("FAIL", json.path("verdict").path("outcome").asText());
        // a schema that accepts anything proves nothing: a broken report must fail it
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("verdict")).put("outcome", "MAYBE");
        assertFalse(schema.validate(json).isEmpty());
    }

    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws IOException {
        JsonNode sarif = MAPPER.readTree(render(new SarifReport()));
        JsonSchema schema = ReportSchemas.sarif();
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertTrue(errors.isEmpty(), errors.toString());
        JsonNode run = sarif.path("runs").get(0);
        assertEquals(6, run.path("tool").path("driver").path("rules").size());
        JsonNode first = run.path("results").get(0);
        assertEquals("GHSA-jfh8-c2jp-5v3q", first.path("ruleId").asText());
        assertEquals("error", first.path("level").asText());
        assertEquals("app/lib/log4j-core-2.14.1.jar",
                first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
        assertEquals("external", first.path("suppressions").get(0).path("kind").asText());
        assertEquals("10.0", run.path("tool").path("driver").path("rules").get(0).path("properties").path("security-severity").asText());
        JsonNode guava = run.path("results").get(4);
        assertEquals("note", guava.path("level").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) guava).put("level", "fatal");
        assertFalse(schema.validate(sarif).isEmpty(), "the schema rejects a level SARIF does not define");
    }

    @Test
    void junitValidatesAgainstTheJenkinsJunitXsd() throws Exception {
        byte[] xml = render(new JunitReport()).getBytes(StandardCharsets.UTF_8);
        Document doc = JunitXsd.validated(xml);
        NodeList suites = doc.getElementsByTagName("testsuite");
        Element gates = (Element) suites.item(0);
        assertEquals("policy gates", gates.getAttribute("name"));
        assertEquals("3", gates.getAttribute("tests"));
        assertEquals("1", gates.getAttribute("failures"));
        assertEquals("1", gates.getAttribute("skipped"));
        Element high = (Element) suites.item(2);
        assertEquals("HIGH findings", high.getAttribute("name"));
        assertEquals("2", high.getAttribute("failures"));
        assertEquals("CRITICAL findings", ((Element) suites.item(1)).getAttribute("name"));
        assertEquals("1", ((Element) suites.item(1)).getAttribute("skipped"));
    }

    @Test
    void tableIsSortedAlignedAndShowsFixes() throws IOException {
        List<String> lines = render(new TableReport()).lines().toList();
        assertEquals("docker.io/library/alpine:3.11@" + io.portcullis.policy.OsvFindings.MANIFEST, lines.get(0));
        assertTrue(lines.get(1).startsWith("SEVERITY  VULNERABILITY"), lines.get(1));
        assertTrue(lines.get(2).matches("HIGH +GHSA-35jh-r3h4-6jhm +lodash .*"), lines.get(2));
        assertEquals(lines.get(1).indexOf("PACKAGE"), lines.get(2).indexOf("lodash"), "columns aligned");
        int fixedColumn = lines.get(1).indexOf("FIXED IN");
        assertEquals("4.17.21", lines.get(2).substring(fixedColumn).split("\\s+")[0]);
        assertTrue(lines.get(5).startsWith("LOW ") && lines.get(5).contains("(no fix)"), lines.get(5));
        assertTrue(lines.get(6).startsWith("UNKNOWN   ALPINE-CVE-2012-2738"), lines.get(6));
        assertTrue(lines.contains("Total: 5 (CRITICAL: 0, HIGH: 2, MEDIUM: 1, LOW: 1, UNKNOWN: 1), suppressed: 1, shown: 5 | Verdict: FAIL"),
                String.join("\n", lines));
    }

    @Test
    void severityFilterLimitsWhatIsShownButJsonKeepsEverything() throws IOException {
        Report high = ReportFixture.report(new io.portcullis.policy.GateOptions(
                io.portcullis.policy.GateOptions.parseSeverities("HIGH"), false, null, null));
        ByteArrayOutputStream sarif = new ByteArrayOutputStream();
        new SarifReport().write(high, sarif);
        List<String> levels = new java.util.ArrayList<>();
        MAPPER.readTree(sarif.toByteArray()).path("runs").get(0).path("results").forEach(r -> levels.add(r.path("ruleId").asText()));
        assertEquals(List.of("GHSA-35jh-r3h4-6jhm", "GHSA-hrpp-h998-j3pp"), levels);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        new TableReport().write(high, table);
        assertEquals(2, table.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("HIGH ")).count());
        assertFalse(table.toString(StandardCharsets.UTF_8).contains("GHSA-29mw-wpgm-hmr9"));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReport().write(high, json);
        assertEquals(6, MAPPER.readTree(json.toByteArray()).path("findings").size());
    }

    @Test
    void prometheusTextfileUsesSeedNamesAndEscapes() throws IOException {
        String text = render(new PrometheusReport());
        assertTrue(text.contains("# TYPE container_vulnerabilities_total gauge\n"));
        assertTrue(text.contains("container_vulnerabilities_total{severity=\"high\",image=\"docker.io/library/alpine:3.11\",registry=\"docker.io\"} 2\n"), text);
        assertTrue(text.contains("container_vulnerabilities_total{severity=\"critical\",image=\"docker.io/library/alpine:3.11\",registry=\"docker.io\"} 0\n"));
        assertTrue(text.contains("# TYPE container_compliance_score gauge\n"));
        assertFalse(text.contains("container_compliance_score{"));
        assertEquals("a\\\"b\\\\c\\nd", PrometheusReport.escape("a\"b\\c\nd"));
        assertEquals("ghcr.io", PrometheusReport.registry("ghcr.io/org/app:1"));
        assertEquals("docker.io", PrometheusReport.registry("alpine:3.11"));
        assertEquals("localhost:5000", PrometheusReport.registry("localhost:5000/app"));
        assertEquals("127.0.0.1:5000", PrometheusReport.registry("registry:127.0.0.1:5000/app:1"));
        // Local sources name no registry: not "oci:" or "rootfs:" as the first path segment, not docker.io for a bare file name
        assertEquals("", PrometheusReport.registry("docker-archive:/builds/app.tar"));
        assertEquals("", PrometheusReport.registry("docker-archive:app.tar"));
        assertEquals("", PrometheusReport.registry("oci:/builds/layout:1.4"));
        assertEquals("", PrometheusReport.registry("oci-archive:/builds/app.oci.tar"));
        assertEquals("", PrometheusReport.registry("rootfs:/srv/root"));
    }

    @Test
    void markdownSummary() throws IOException {
        String md = render(new MarkdownReport());
        assertTrue(md.startsWith("## Portcullis: FAIL"));
        assertTrue(md.contains("| HIGH | 2 |"));
        assertTrue(md.contains("| high\\_vulnerabilities | FAILED | 1 | 2 |"), md);
        assertTrue(md.contains("| compliance.cis\\_benchmark | NOT_EVALUATED | required | — |"), md);
        assertTrue(md.contains("[GHSA-hrpp-h998-j3pp](https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp)"));
    }

    @Test
    void auditLineAppendsSeedFields() throws IOException {
        Path log = dir.resolve("audit/portcullis.jsonl");
        AuditLog.append(log, report, "jenkins", ReportFixture.NOW);
        AuditLog.append(log, report, "jenkins", ReportFixture.NOW.plusSeconds(1));
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size());
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertEquals(List.of("timestamp", "user", "action", "resource", "result"), iterable(first.fieldNames()));
        assertEquals("2026-11-22T12:00:00Z", first.path("timestamp").asText());
        assertEquals("FAIL", first.path("result").asText());
    }

    @Test
    void targetsWriteAtomicallyAndParseFormats() throws IOException {
        ReportTarget target = ReportTarget.parse("json=" + dir.resolve("out/report.json"));
        assertEquals(ReportFormat.JSON, target.format());
        target.write(report, new ByteArrayOutputStream());
        assertEquals("1.4", MAPPER.readTree(dir.resolve("out/report.json").toFile()).path("schemaVersion").asText());
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
        assertEquals("unknown report format 'xml' (known: table, json, sarif, junit, markdown, html, prometheus, cyclonedx, cyclonedx-vex)",
                org.junit.jupiter.api.Assertions.assertThrows(io.portcullis.InputException.class, () -> ReportTarget.parse("xml")).getMessage());
    }

    @Test
    void sbomValidationIsReportedInJsonSarifMarkdownAndHtmlWithHostileTextEscaped() throws IOException {
        String hostile = "evil<img src=x onerror=alert(1)>|pkg 1.0";
        SbomValidation validation = new SbomValidation(List.of(
                new SbomCheck("generated CycloneDX", "CycloneDX 1.6", 0, List.of(), false, 0, 0, List.of()),
                new SbomCheck("app.spdx.json", "SPDX 2.3", 3, List.of(new SchemaProblem("/packages/1/versionInfo", "integer found, string expected")),
                        true, 12, 2, List.of(hostile, "qs 6.10.1 (pkg:npm/qs@6.10.1)"))));
        ScanResult scan = report.scan().withSbomValidation(validation);
        Policy required = new Policy("policy.yaml", Map.of(), false, List.of(), List.of(), List.of(), null, List.of(), true, false);
        Report withSboms = new Report(scan, PolicyEvaluator.evaluate(scan, required, GateOptions.defaults(), Suppressions.none(),
                ReportFixture.NOW), Suppressions.none(), "0.1.0");

        JsonNode json = MAPPER.readTree(render(new JsonReport(), withSboms));
        JsonSchema schema = ReportSchemas.jsonReport();
        assertEquals(Set.of(), schema.validate(json));
        JsonNode section = json.path("sbomValidation");
        assertFalse(section.path("valid").asBoolean(true));
        JsonNode supplied = section.path("documents").get(1);
        assertEquals("/packages/1/versionInfo", supplied.path("problems").get(0).path("pointer").asText());
        assertEquals(3, supplied.path("problemCount").asInt());
        assertEquals(hostile, supplied.path("missing").get(0).asText(), "structured formats carry the real value");
        assertEquals("FAILED", json.path("verdict").path("rules").get(0).path("status").asText());
        assertTrue(MAPPER.readTree(render(new JsonReport())).path("sbomValidation").isNull(), "null when nothing was validated");

        JsonNode sarif = MAPPER.readTree(render(new SarifReport(), withSboms)).path("runs").get(0).path("properties").path("sbomValidation");
        assertFalse(sarif.path("valid").asBoolean(true));
        assertTrue(sarif.path("summary").asText().contains("app.spdx.json (SPDX 2.3): 3 schema problem(s), first /packages/1/versionInfo"),
                sarif.toString());

        String md = render(new MarkdownReport(), withSboms);
        assertTrue(md.contains("### SBOM validation"), md);
        assertTrue(md.contains("| app.spdx.json | SPDX 2.3 | 3 schema problem(s), 2 missing package(s) |"), md);
        assertTrue(md.contains("- `/packages/1/versionInfo` integer found, string expected"), md);
        assertTrue(md.contains("- missing: evil\\<img src=x onerror=alert\\(1\\)\\>\\|pkg 1.0"), md);

        String html = render(new HtmlReport(), withSboms);
        assertTrue(html.contains("<table id=\"sbom-validation\">"), html);
        assertTrue(html.contains("missing: evil&lt;img src=x onerror=alert(1)&gt;|pkg 1.0"), html);
        assertFalse(html.contains("<img src=x"), "untrusted text is escaped");
    }

    private String render(ReportWriter writer, Report other) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(other, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String render(ReportWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
