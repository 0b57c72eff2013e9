package io.portcullis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.portcullis.image.ImageMetadata;
import io.portcullis.match.Finding;
import io.portcullis.policy.Assessment;
import io.portcullis.policy.AuditConfiguration;
import io.portcullis.policy.ComplianceRequirements;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.OsvFindings;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEvaluator;
import io.portcullis.policy.SbomRequirement;
import io.portcullis.policy.SecretPolicy;
import io.portcullis.policy.Suppressions;
import io.portcullis.scan.ScanResult;
import io.portcullis.signature.SignatureVerification;
import io.portcullis.testing.JunitXsd;
import io.portcullis.testing.ReportSchemas;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PCI DSS section in every format, over planted facts: Log4Shell (a real record, published 2021-12-10) open in an
 * image named by tag (6.2 and 6.4 fail), an audit log written (10.2 passes), so the score is 1 of 3. The image name
 * carries markup and a logging command, as an attacker-chosen repository name could.
 */
class ComplianceReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HOSTILE_IMAGE = "registry.example/app<img src=x onerror=alert(1)>##vso[task.setvariable variable=x]:1";
    private static final Finding LOG4J = OsvFindings.ghsa("GHSA-jfh8-c2jp-5v3q", "2.14.1");
    private static final String LOG4J_KEY = "GHSA-jfh8-c2jp-5v3q in org.apache.logging.log4j:log4j-core 2.14.1";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final Report report = report();

    private static Report report() {
        ScanResult plain = OsvFindings.scan(List.of(LOG4J), NOW.minusSeconds(3600));
        ImageMetadata tagged = plain.image();
        ImageMetadata image = new ImageMetadata(HOSTILE_IMAGE, tagged.manifestDigest(), tagged.configDigest(), tagged.platform(),
                tagged.layerDigests(), tagged.diffIds(), tagged.repoTags());
        ScanResult scan = new ScanResult(image, plain.inventory(), plain.findings(), plain.database(), plain.startedAt(), plain.duration(),
                List.of(), Set.of(), SignatureVerification.notChecked("no public key given (--signature-key FILE, or signature_keys in the policy)"));
        Policy policy = new Policy("policy.yaml", Map.of(), false, List.of(), List.of(), List.of(), null, List.of("pci_dss"), SbomRequirement.DISABLED, false,
                null, List.of(), SecretPolicy.NONE, new ComplianceRequirements(Map.of(), Duration.ofDays(30)), AuditConfiguration.DEFAULT);
        Assessment assessment = PolicyEvaluator.evaluate(scan, policy, GateOptions.defaults(), Suppressions.none(), NOW,
                Path.of("/var/log/portcullis/audit.jsonl"));
        return new Report(scan, assessment, Suppressions.none(), "0.1.0");
    }

    @Test
    void jsonHasTheBenchmarkWithEveryControlAndValidates() throws IOException {
        JsonNode json = MAPPER.readTree(render(new JsonReport()));
        JsonSchema schema = ReportSchemas.jsonReport();
        assertTrue(schema.validate(json).isEmpty(), schema.validate(json).toString());
        assertEquals("1.4", json.path("schemaVersion").asText());
        JsonNode pci = json.path("compliance").get(0);
        assertEquals("pci_dss", pci.path("name").asText());
        assertEquals("4.0", pci.path("version").asText());
        assertEquals(1, pci.path("passed").asInt());
        assertEquals(3, pci.path("evaluated").asInt());
        assertEquals(1 / 3.0, pci.path("score").asDouble(), 1e-9);
        List<String> statuses = new ArrayList<>();
        pci.path("controls").forEach(c -> statuses.add(c.path("id").asText() + "=" + c.path("status").asText()));
        assertEquals(List.of("6.2=FAIL", "6.4=FAIL", "10.2=PASS"), statuses);
        JsonNode patches = pci.path("controls").get(0);
        assertEquals(LOG4J_KEY, patches.path("findings").get(0).asText());
        assertTrue(patches.path("evidence").get(0).asText().contains("published 2021-12-10"), patches.toString());
        assertEquals("2021-12-10T00:40:56Z", json.path("findings").get(0).path("published").asText());
        // The schema holds the section to its shape: a status outside PASS/FAIL/MANUAL is rejected.
        ((com.fasterxml.jackson.databind.node.ObjectNode) patches).put("status", "PASSED");
        assertFalse(schema.validate(json).isEmpty());
    }

    @Test
    void sarifShowsTheFailedControlNoFindingStandsForAndValidates() throws IOException {
        JsonNode sarif = MAPPER.readTree(render(new SarifReport()));
        JsonSchema schema = ReportSchemas.sarif();
        assertTrue(schema.validate(sarif).isEmpty(), schema.validate(sarif).toString());
        List<String> results = new ArrayList<>();
        sarif.path("runs").get(0).path("results").forEach(r -> results.add(r.path("ruleId").asText()));
        // 6.2 fails through Log4Shell, which has its own result; 6.4 has no finding, so it is a result of its own; 10.2 passed.
        assertEquals(List.of("GHSA-jfh8-c2jp-5v3q", "pci_dss/6.4"), results);
        JsonNode control = sarif.path("runs").get(0).path("results").get(1);
        assertEquals("error", control.path("level").asText());
        assertTrue(control.path("message").path("text").asText().contains("is not pinned by digest"), control.toString());
    }

    @Test
    void junitHasATestcasePerControl() throws Exception {
        byte[] xml = render(new JunitReport()).getBytes(StandardCharsets.UTF_8);
        Document doc = JunitXsd.validated(xml);
        NodeList suites = doc.getElementsByTagName("testsuite");
        Element compliance = (Element) suites.item(1);
        assertEquals("compliance PCI DSS 4.0", compliance.getAttribute("name"));
        assertEquals("3", compliance.getAttribute("tests"));
        assertEquals("2", compliance.getAttribute("failures"));
        NodeList cases = compliance.getElementsByTagName("testcase");
        Element changeControl = (Element) cases.item(1);
        assertTrue(changeControl.getAttribute("name").startsWith("6.4 "), changeControl.getAttribute("name"));
        assertTrue(changeControl.getElementsByTagName("failure").item(0).getTextContent().contains("no public key given"));
        assertEquals(0, ((Element) cases.item(2)).getElementsByTagName("failure").getLength(), "10.2 passed");
        Element root = doc.getDocumentElement();
        // 1 gate rule + 1 finding + 3 controls; the rule, the finding behind 6.2 and two controls failed
        assertEquals("5", root.getAttribute("tests"));
        assertEquals("4", root.getAttribute("failures"));
    }

    @Test
    void markdownAndHtmlHaveTheSectionWithTheImageNameEscaped() throws IOException {
        String md = render(new MarkdownReport());
        assertTrue(md.contains("### Compliance: PCI DSS 4.0 — score 1/3"), md);
        assertTrue(md.contains("| 6.4 | FAIL | Change control: image pinned by digest and signed |"), md);
        assertTrue(md.contains("| 10.2 | PASS |"), md);
        assertTrue(md.contains("registry.example/app\\<img src=x onerror=alert\\(1\\)\\>"), "markup in a cell is escaped: " + md);
        assertFalse(md.contains("##vso["), md);

        String html = render(new HtmlReport());
        assertTrue(html.contains("<table class=\"compliance\" data-benchmark=\"pci_dss\">"), html);
        assertTrue(html.contains("<tr class=\"control-fail\" data-control=\"6.4\"><td>6.4</td><td>FAIL</td>"), html);
        assertTrue(html.contains("<tr class=\"control-pass\" data-control=\"10.2\">"), html);
        assertFalse(html.contains("<img"), "the image name's markup is escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
    }

    @Test
    void prometheusHasTheBenchmarksScore() throws IOException {
        String text = render(new PrometheusReport());
        assertTrue(text.contains("container_compliance_score{image=\"" + PrometheusReport.escape(HOSTILE_IMAGE)
                + "\",benchmark=\"pci_dss\"} 0.3333\n"), text);
    }

    private String render(ReportWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
