package io.portcullis.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.thoughtworks.xstream.XStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CI host stores the summary with its build: XStream (Jenkins), Jackson (JSON), Java serialization (remoting). */
class ScanSummaryPersistenceTest {

    private static final ScanSummary SUMMARY = new ScanSummary(false, new SeverityCounts(3, 4, 5, 0, 1), new SeverityCounts(0, 1, 0, 0, 0),
            new SeverityCounts(3, 5, 5, 0, 1), List.of(new FailedRule("critical_vulnerabilities", "3 critical finding(s), at most 0 allowed")),
            "docker.io/library/alpine:3.11", "sha256:" + "ab".repeat(32), "2026-11-30T10:15:30Z", 86_400L,
            List.of("reports/report.json", "reports/report.sarif"), 1234L, "0.1.0", "UNSIGNED",
            "no signature tag sha256-" + "ab".repeat(32) + ".sig in docker.io/library/alpine",
            List.of(new ComplianceScore("cis_benchmark", 5, 6, List.of("4.1")), new ComplianceScore("pci_dss", 1, 3, List.of("6.4", "10.2"))));

    @Test
    void xstreamAsJenkinsPersistsItReadsItBack() {
        XStream xstream = new XStream();
        xstream.allowTypes(new Class<?>[] {ScanSummary.class, SeverityCounts.class, FailedRule.class, ComplianceScore.class});
        String xml = xstream.toXML(SUMMARY);
        assertFalse(xml.contains("immutable"), xml);
        ScanSummary back = (ScanSummary) xstream.fromXML(xml);
        assertNotSame(SUMMARY, back);
        assertEquals(SUMMARY, back);
        assertEquals(4, back.getOpen().getHigh());
        assertEquals(13, back.getOpen().getTotal());
        assertEquals("3 critical finding(s), at most 0 allowed", back.getFailedRules().get(0).getMessage());
        assertEquals(List.of("reports/report.json", "reports/report.sarif"), back.getReportFiles());
        ComplianceScore pci = back.getComplianceScores().get(1);
        assertEquals("pci_dss", pci.getBenchmark());
        assertEquals(1 / 3.0, pci.getScore(), 1e-9);
        assertEquals(List.of("6.4", "10.2"), pci.getFailedControls());
    }

    @Test
    void aSummaryStoredBeforeComplianceScoresReadsBackWithNone() {
        XStream xstream = new XStream();
        xstream.allowTypes(new Class<?>[] {ScanSummary.class, SeverityCounts.class, FailedRule.class, ComplianceScore.class});
        String xml = xstream.toXML(SUMMARY);
        String older = xml.substring(0, xml.indexOf("  <complianceScores>")) + xml.substring(xml.indexOf("</complianceScores>") + "</complianceScores>".length() + 1);
        assertFalse(older.contains("compliance"), older);
        ScanSummary back = (ScanSummary) xstream.fromXML(older);
        assertEquals(List.of(), back.getComplianceScores());
        assertEquals(SUMMARY.getFailedRules(), back.getFailedRules());
    }

    @Test
    void jacksonWritesTheGettersNamesAndReadsThemBack() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(SUMMARY);
        assertTrue(text.contains("\"verdict\":\"FAIL\""), text);
        assertTrue(text.contains("\"dbAgeSeconds\":86400"), text);
        assertTrue(text.contains("{\"benchmark\":\"pci_dss\",\"passed\":1,\"evaluated\":3,\"failedControls\":[\"6.4\",\"10.2\"]}"), text);
        assertTrue(text.contains("\"open\":{\"critical\":3,\"high\":4,\"medium\":5,\"low\":0,\"unknown\":1,\"total\":13}"), text);
        assertEquals(SUMMARY, json.readValue(text, ScanSummary.class));
    }

    @Test
    void javaSerializationAsRemotingSendsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SUMMARY);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(SUMMARY, in.readObject());
        }
    }
}
