package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import io.portcullis.engine.ComplianceScore;
import io.portcullis.engine.FailedRule;
import io.portcullis.engine.ScanSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything Jenkins keeps in build.xml or config.xml goes through XStream 1.4.21, the version core bundles. */
class PersistenceTest {
    private static XStream xstream() {
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"io.portcullis.**"});
        return x;
    }

    static ScanRecord sampleRecord() {
        return ScanRecordSamples.failing();
    }

    @Test
    void scanRecordRoundTrips() {
        ScanRecord r = sampleRecord();
        ScanRecord back = (ScanRecord) xstream().fromXML(xstream().toXML(r));
        assertEquals(r.toStepResult(), back.toStepResult());
        assertEquals(r.getDbBuiltAt(), back.getDbBuiltAt());
        assertEquals(r.getToolVersion(), back.getToolVersion());
        assertEquals(List.of(new ComplianceScore("cis_benchmark", 4, 7, List.of("4.1", "4.4", "4.6")),
                new ComplianceScore("pci_dss", 0, 0, List.of())), back.getComplianceScores());
    }

    @Test
    void aBuildXmlFromBeforeAListFieldExistedStillReads() {
        String xml = xstream().toXML(sampleRecord());
        String older = xml.replaceAll("(?s)\\s*<failedRules>.*?</failedRules>", "").replaceAll("(?s)\\s*<reports>.*?</reports>", "")
                .replaceAll("(?s)\\s*<complianceScores>.*?</complianceScores>", "");
        assertFalse(older.contains("failedRules"));
        assertFalse(older.contains("complianceScores") || older.contains("ComplianceScore"), older);
        ScanRecord back = (ScanRecord) xstream().fromXML(older);
        assertEquals(List.of(), back.getFailedRules());
        assertEquals(List.of(), back.getReports());
        assertEquals(List.of(), back.getComplianceScores());
        assertEquals(Map.of(), back.toStepResult().get("compliance"));
        assertEquals(List.of(), new ContainerSecurityAction("container-security", back).getComplianceLines());
        assertEquals(3, back.getCritical());
    }

    @Test
    void theActionKeepsOnlyTheSummaryInBuildXml() {
        ContainerSecurityAction action = new ContainerSecurityAction("container-security", sampleRecord());
        String xml = xstream().toXML(action);
        assertFalse(xml.contains("findings"), xml);
        assertFalse(xml.contains("run"), xml);
        ContainerSecurityAction back = (ContainerSecurityAction) xstream().fromXML(xml);
        assertEquals("container-security", back.getUrlName());
        assertEquals(sampleRecord().toStepResult(), back.getRecord().toStepResult());
    }

    @Test
    void aFreestyleBuildersListParametersRoundTripThroughConfigXml() {
        ScanImageBuilder builder = new ScanImageBuilder();
        builder.setInput("app.tar");
        builder.setManifests(List.of("deploy/**/*.yaml", "helm/rendered.yaml"));
        builder.setSignatureKeys(List.of("keys/cosign.pub"));
        builder.setVex(List.of("vex/app.openvex.json"));
        builder.setSbomFormats(List.of("spdx"));
        builder.setReportFormats(List.of("json", "junit"));
        ScanImageBuilder back = (ScanImageBuilder) xstream().fromXML(xstream().toXML(builder));
        assertEquals(List.of("deploy/**/*.yaml", "helm/rendered.yaml"), back.getManifests());
        assertEquals(List.of("keys/cosign.pub"), back.getSignatureKeys());
        assertEquals(List.of("vex/app.openvex.json"), back.getVex());
        assertEquals(List.of("spdx"), back.getSbomFormats());
        assertEquals(List.of("json", "junit"), back.getReportFormats());
        assertEquals("app.tar", back.getInput());
    }

    @Test
    void globalConfigurationRoundTripsAndOlderConfigGetsDefaults() {
        PortcullisConfiguration c = new PortcullisConfiguration();
        c.setDbSource("https://mirror.example/osv/");
        c.setMaxDbAgeHours(12);
        c.setCacheDirectory("/var/cache/portcullis");
        c.setDefaultPolicy("security/policy.yaml");
        c.setDefaultGateResult("UNSTABLE");
        c.setMavenRepository("none");
        String xml = xstream().toXML(c);
        PortcullisConfiguration back = (PortcullisConfiguration) xstream().fromXML(xml);
        assertEquals("https://mirror.example/osv/", back.getDbSource());
        assertEquals(12, back.getMaxDbAgeHours());
        assertEquals("/var/cache/portcullis", back.getCacheDirectory());
        assertEquals("security/policy.yaml", back.getDefaultPolicy());
        assertEquals("UNSTABLE", back.getDefaultGateResult());
        assertEquals("none", back.getMavenRepository());
        assertNull(back.mavenRepositoryOrNull());

        String older = "<io.portcullis.jenkins.PortcullisConfiguration><cacheDirectory>/c</cacheDirectory></io.portcullis.jenkins.PortcullisConfiguration>";
        PortcullisConfiguration old = (PortcullisConfiguration) xstream().fromXML(older);
        assertEquals("osv.dev", old.getDbSource());
        assertEquals(24, old.getMaxDbAgeHours());
        assertEquals("FAILURE", old.getDefaultGateResult());
        assertEquals("/c", old.getCacheDirectory());
        assertEquals("https://repo1.maven.org/maven2/", old.getMavenRepository());
    }

    @Test
    void theEnginesSummaryRoundTripsToo() {
        ScanSummary s = ScanRecordSamples.engineSummary();
        ScanSummary back = (ScanSummary) xstream().fromXML(xstream().toXML(s));
        assertEquals(s, back);
        assertTrue(back.getFailedRules().contains(new FailedRule("critical_vulnerabilities", "3 critical finding(s), at most 0 allowed")));
    }
}
