package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.match.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyLoaderTest {
    @TempDir
    Path dir;

    @Test
    void seedBlockLoadsAsWritten() {
        Policy p = PolicyLoader.load(Path.of("shared-engine/src/test/resources/policy/seed-security-gates.yaml"));
        assertEquals(Map.of(Severity.CRITICAL, 0, Severity.HIGH, 3, Severity.MEDIUM, 10), p.maxFindings());
        assertEquals(List.of("cis_benchmark", "pci_dss"), p.compliance());
        assertEquals(SbomRequirement.REQUIRED, p.sbomValidation());
        assertTrue(p.signingRequired());
    }

    @Test
    void sbomValidationHasThreeLevelsAndDefaultsToDisabled() throws IOException {
        for (Map.Entry<String, SbomRequirement> level : Map.of("required", SbomRequirement.REQUIRED, "optional", SbomRequirement.OPTIONAL,
                "disabled", SbomRequirement.DISABLED).entrySet()) {
            Policy p = PolicyLoader.load(write("security_gates:\n  container_scan:\n    sbom_validation: " + level.getKey() + "\n"));
            assertEquals(level.getValue(), p.sbomValidation(), level.getKey());
        }
        assertEquals(SbomRequirement.DISABLED, PolicyLoader.load(write("security_gates:\n  container_scan:\n    critical_vulnerabilities: 0\n"))
                .sbomValidation());
    }

    @Test
    void allDocumentedKeys() throws IOException {
        Policy p = PolicyLoader.load(write("""
                security_gates:
                  container_scan:
                    low_vulnerabilities: 50
                    unknown_vulnerabilities: 5
                    ignore_unfixed: true
                    deny:
                      vulnerabilities: [CVE-2021-44228]
                      packages: [pkg:npm/minimist, log4j-core]
                    allow:
                      vulnerabilities: [GHSA-29mw-wpgm-hmr9]
                    max_db_age: 7d
                """));
        assertEquals(50, p.maxFindings(Severity.LOW).orElseThrow());
        assertEquals(5, p.maxFindings(Severity.UNKNOWN).orElseThrow());
        assertTrue(p.ignoreUnfixed());
        assertEquals(List.of("CVE-2021-44228"), p.denyVulnerabilities());
        assertEquals(List.of("pkg:npm/minimist", "log4j-core"), p.denyPackages());
        assertEquals(List.of("GHSA-29mw-wpgm-hmr9"), p.allowVulnerabilities());
        assertEquals(Duration.ofDays(7), p.maxDatabaseAge());
    }

    @Test
    void typoIsAnErrorNamingKeyAndLine() throws IOException {
        Path f = write("""
                security_gates:
                  container_scan:
                    critical_vulnerabilities: 0
                    hihg_vulnerabilities: 3
                """);
        InputException e = assertThrows(InputException.class, () -> PolicyLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":4: unknown key 'hihg_vulnerabilities'"), e.getMessage());
    }

    @Test
    void negativeLimitWrongTypeAndBadValuesAreErrors() throws IOException {
        assertError("    high_vulnerabilities: -1\n", ":3: 'high_vulnerabilities' must not be negative");
        assertError("    high_vulnerabilities: \"3\"\n", ":3: 'high_vulnerabilities' must be a whole number, got '3'");
        assertError("    high_vulnerabilities: 2.5\n", ":3: 'high_vulnerabilities' must be a whole number");
        assertError("    signing_required: yes please\n", ":3: 'signing_required' must be true or false");
        assertError("    max_db_age: 7 days\n", ":3: 'max_db_age' must be a number followed by d, h, m or s");
        assertError("    compliance: [hipaa]\n", ":3: unknown compliance benchmark 'hipaa'");
        assertError("    sbom_validation: maybe\n", ":3: 'sbom_validation' must be required, optional or disabled");
        assertError("    high_vulnerabilities: 1\n    high_vulnerabilities: 2\n", "duplicate key 'high_vulnerabilities'");
    }

    @Test
    void signatureKeysAreResolvedAgainstThePolicyFile() throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path f = write("security_gates:\n  container_scan:\n    signing_required: true\n    signature_keys:\n"
                + "      - keys/release.pub\n      - " + dir.resolve("abs.pub") + "\n");
        Policy p = PolicyLoader.load(f);
        assertEquals(List.of(keys.resolve("release.pub"), dir.resolve("abs.pub")), p.signatureKeys());
        Path single = write("security_gates:\n  container_scan:\n    signature_keys: keys/release.pub\n");
        assertEquals(List.of(keys.resolve("release.pub")), PolicyLoader.load(single).signatureKeys());
        assertError("    signature_keys: {a: b}\n", ":3: 'signature_keys' must be a list");
        assertError("    signature_keys: [\"\"]\n", ":3: 'signature_keys' has an empty path");
    }

    @Test
    void invalidYamlNamesFileAndLine() throws IOException {
        Path f = write("security_gates:\n  container_scan:\n    high_vulnerabilities: [1, 2\n");
        InputException e = assertThrows(InputException.class, () -> PolicyLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":") && e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyAndMissingBlock() throws IOException {
        Path f = write("security_gate:\n  container_scan: {}\n");
        InputException e = assertThrows(InputException.class, () -> PolicyLoader.load(f));
        assertTrue(e.getMessage().contains(":1: unknown key 'security_gate'"), e.getMessage());
        Path empty = write("");
        assertTrue(assertThrows(InputException.class, () -> PolicyLoader.load(empty)).getMessage().contains("empty"));
    }

    private void assertError(String gateLines, String expected) throws IOException {
        Path f = write("security_gates:\n  container_scan:\n" + gateLines);
        InputException e = assertThrows(InputException.class, () -> PolicyLoader.load(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should contain " + expected);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "policy", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
