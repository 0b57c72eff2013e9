package io.portcullis.policy;

import io.portcullis.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's compliance_requirements and audit_configuration blocks, patch_grace_period, and every bad value with its line. */
class CompliancePolicyLoaderTest {
    private static final String GATES = "security_gates:\n  container_scan:\n    compliance: [pci_dss]\n";

    @TempDir
    Path dir;

    @Test
    void theSeedsBlocksLoadAsWritten() {
        Policy p = PolicyLoader.load(Path.of("shared-engine/src/test/resources/policy/seed-compliance-requirements.yaml"));
        assertEquals(List.of("cis_benchmark", "pci_dss"), p.compliance());
        assertEquals(Map.of("cis_benchmark", List.of("4.1", "4.2", "4.3", "4.4"), "pci_dss", List.of("6.2", "6.4", "10.2")),
                p.complianceRequirements().controls());
        assertEquals(ComplianceRequirements.DEFAULT_PATCH_GRACE_PERIOD, p.complianceRequirements().patchGracePeriod());
        assertEquals(List.of("timestamp", "user", "action", "resource", "result"), p.audit().fields());
        assertEquals(Duration.ofDays(365), p.audit().retention());
        assertEquals(List.of("container_launch", "image_pull", "security_violation"), p.audit().events());
    }

    @Test
    void withoutTheBlocksEveryControlAndFieldIsUsed() throws IOException {
        Policy p = PolicyLoader.load(write(GATES));
        assertEquals(Map.of(), p.complianceRequirements().controls());
        assertEquals(AuditConfiguration.FIELDS, p.audit().fields());
        assertNull(p.audit().retention());
    }

    @Test
    void aStandardInComplianceRequirementsIsRequiredAndItsControlsChosen() throws IOException {
        Policy p = PolicyLoader.load(write("security_gates:\n  container_scan:\n    critical_vulnerabilities: 0\n"
                + "    patch_grace_period: 14d\n"
                + "compliance_requirements:\n  - standard: PCI_DSS\n    controls: [\"6.2\", \"10.2\"]\n"
                + "audit_configuration:\n  audit_trail: [timestamp, user, result]\n"));
        assertEquals(List.of("pci_dss"), p.compliance());
        assertEquals(Map.of("pci_dss", List.of("6.2", "10.2")), p.complianceRequirements().controls());
        assertEquals(Duration.ofDays(14), p.complianceRequirements().patchGracePeriod());
        assertEquals(List.of("timestamp", "user", "result"), p.audit().fields());
    }

    @Test
    void badComplianceRequirementsNameTheirLine() throws IOException {
        String head = GATES + "compliance_requirements:\n";
        assertError(head + "  - standard: HIPAA\n", ":5: unknown compliance standard 'HIPAA' (known: CIS_DOCKER_BENCHMARK, PCI_DSS)");
        assertError(head + "  - standard: PCI_DSS\n    version: \"3.2.1\"\n", ":6: PCI_DSS version '3.2.1' is not judged; Portcullis judges version 4.0");
        assertError(head + "  - standard: PCI_DSS\n    controls:\n      - \"6.2\"\n      - \"11.3\"\n",
                ":8: PCI_DSS has no control '11.3' (known: 6.2, 6.4, 10.2)");
        assertError(head + "  - standard: CIS_DOCKER_BENCHMARK\n    controls: [\"4.1\", \"4.1\"]\n", ":6: control '4.1' of CIS_DOCKER_BENCHMARK is listed twice");
        assertError(head + "  - standard: PCI_DSS\n    controls: []\n", ":6: 'controls' of PCI_DSS must be a non-empty list");
        assertError(head + "  - standard: PCI_DSS\n    contols: [\"6.2\"]\n", ":6: unknown key 'contols' in compliance_requirements");
        assertError(head + "  - version: \"4.0\"\n", ":5: a compliance_requirements entry needs 'standard'");
        assertError(head + "  - standard: PCI_DSS\n  - standard: PCI_DSS\n", ":6: compliance standard PCI_DSS is listed twice");
        assertError(head + "  standard: PCI_DSS\n", ":5: 'compliance_requirements' must be a list");
    }

    @Test
    void badAuditConfigurationAndGracePeriodNameTheirLine() throws IOException {
        String head = GATES + "audit_configuration:\n";
        assertError(head + "  retention_period: a year\n", ":5: 'retention_period' must be a number followed by d, h, m or s");
        assertError(head + "  audit_trail:\n    - timestamp\n    - hostname\n",
                ":7: unknown audit_trail entry 'hostname' (known: timestamp, user, action, resource, result)");
        assertError(head + "  audit_trail: []\n", ":5: 'audit_trail' must name at least one field");
        assertError(head + "  audit_events: [image_pull, container_stop]\n",
                ":5: unknown audit_events entry 'container_stop' (known: container_launch, image_pull, security_violation)");
        assertError(head + "  audit_trail: [user, user]\n", ":5: audit_trail entry 'user' is listed twice");
        assertError(head + "  retention: 365d\n", ":5: unknown key 'retention' in audit_configuration");
        assertError(GATES + "    patch_grace_period: two weeks\n", ":4: 'patch_grace_period' must be a number followed by d, h, m or s");
        assertError(GATES + "complaince_requirements: []\n", ":4: unknown key 'complaince_requirements' in the policy file");
    }

    private void assertError(String yaml, String expected) throws IOException {
        Path f = write(yaml);
        InputException e = assertThrows(InputException.class, () -> PolicyLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + expected), e.getMessage() + " should start with " + f + expected);
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "policy", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
