package io.portcullis.jenkins;

import com.thoughtworks.xstream.XStream;
import io.portcullis.engine.ScanSummary;
import java.util.List;

/**
 * Summaries as the engine gives them for the demo image. The engine builds ScanSummary itself (its constructor
 * is the engine's); XStream, which Jenkins would use to read one back, builds it here from its fields.
 */
final class ScanRecordSamples {
    private ScanRecordSamples() {
    }

    static ScanSummary engineSummary() {
        return engineSummary(3, 5, false, "docker.io/library/app:1.4");
    }

    static ScanSummary engineSummary(int critical, int high, boolean passed, String image) {
        String xml = """
                <io.portcullis.engine.ScanSummary>
                  <verdict>%s</verdict><passed>%s</passed>
                  <open><critical>%d</critical><high>%d</high><medium>7</medium><low>2</low><unknown>1</unknown></open>
                  <suppressed><critical>0</critical><high>1</high><medium>0</medium><low>0</low><unknown>0</unknown></suppressed>
                  <total><critical>%d</critical><high>%d</high><medium>7</medium><low>2</low><unknown>1</unknown></total>
                  <failedRules>%s</failedRules>
                  <complianceScores>
                    <io.portcullis.engine.ComplianceScore><benchmark>cis_benchmark</benchmark><passed>4</passed><evaluated>7</evaluated>
                      <failedControls><string>4.1</string><string>4.4</string><string>4.6</string></failedControls></io.portcullis.engine.ComplianceScore>
                    <io.portcullis.engine.ComplianceScore><benchmark>pci_dss</benchmark><passed>0</passed><evaluated>0</evaluated>
                      <failedControls/></io.portcullis.engine.ComplianceScore>
                  </complianceScores>
                  <imageReference>%s</imageReference>
                  <imageDigest>sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef</imageDigest>
                  <dbBuiltAt>2026-11-30T00:00:00Z</dbBuiltAt><dbAgeSeconds>7200</dbAgeSeconds>
                  <reportFiles/><durationMillis>1234</durationMillis><toolVersion>0.1.0</toolVersion>
                </io.portcullis.engine.ScanSummary>
                """.formatted(passed ? "PASS" : "FAIL", passed, critical, high, critical, high + 1,
                passed ? "" : "<io.portcullis.engine.FailedRule><rule>critical_vulnerabilities</rule>"
                        + "<message>3 critical finding(s), at most 0 allowed</message></io.portcullis.engine.FailedRule>",
                image);
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"io.portcullis.**"});
        return (ScanSummary) x.fromXML(xml);
    }

    static ScanRecord failing() {
        return ScanRecord.of(engineSummary(), List.of("portcullis/container-security/report.json",
                "portcullis/container-security/sbom.cdx.json"));
    }

    static ScanRecord withCounts(int critical, int high) {
        return ScanRecord.of(engineSummary(critical, high, critical == 0, "app:1"), List.of("portcullis/container-security/report.json"));
    }
}
