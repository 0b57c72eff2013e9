package io.portcullis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CycloneDX VDR and VEX report formats, on findings from real OSV records. */
class CycloneDxReportsTest {

    private final Report report = ReportFixture.report();

    @Test
    void vdrCarriesEveryFindingAndValidates() throws Exception {
        byte[] document = render(ReportFormat.parse("cyclonedx"));

        assertTrue(new JsonParser().validate(document).isEmpty(), new JsonParser().validate(document).toString());
        JsonNode vulnerabilities = new ObjectMapper().readTree(document).path("vulnerabilities");
        assertEquals(ReportFixture.FINDINGS.size(), vulnerabilities.size());
    }

    @Test
    void vexStatesTheSuppressionAndLeavesTheRestInTriage() throws Exception {
        byte[] document = render(ReportFormat.parse("cyclonedx-vex"));

        assertTrue(new JsonParser().validate(document).isEmpty(), new JsonParser().validate(document).toString());
        Map<String, JsonNode> analysisById = new HashMap<>();
        new ObjectMapper().readTree(document).path("vulnerabilities").forEach(v -> analysisById.put(v.path("id").asText(), v.path("analysis")));
        // The fixture's ignore file suppresses log4j's GHSA-jfh8-c2jp-5v3q; an ignore entry says "not affected", with its statement.
        JsonNode log4j = analysisById.get("GHSA-jfh8-c2jp-5v3q");
        assertEquals("not_affected", log4j.path("state").asText());
        assertTrue(log4j.path("detail").asText().contains(".portcullisignore.yaml"), log4j.toString());
        assertEquals("in_triage", analysisById.get("GHSA-35jh-r3h4-6jhm").path("state").asText());
    }

    @Test
    void openVexJustificationsBecomeTheirCycloneDxCounterparts() {
        assertEquals(io.portcullis.sbom.SuppressedFinding.Justification.CODE_NOT_REACHABLE,
                CycloneDxVexReport.justification("vulnerable_code_not_in_execute_path"));
        assertEquals(io.portcullis.sbom.SuppressedFinding.Justification.CODE_NOT_PRESENT,
                CycloneDxVexReport.justification("component_not_present"));
        assertEquals(io.portcullis.sbom.SuppressedFinding.Justification.PROTECTED_AT_RUNTIME,
                CycloneDxVexReport.justification("protected_at_runtime"));
        assertEquals(null, CycloneDxVexReport.justification("made_up"));
    }

    private byte[] render(ReportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writer().write(report, out);
        return out.toByteArray();
    }
}
