package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.portcullis.policy.PolicyEvaluatorTest.CRITICAL_LOG4J;
import static io.portcullis.policy.PolicyEvaluatorTest.HIGH_LODASH;
import static io.portcullis.policy.PolicyEvaluatorTest.HIGH_QS;
import static io.portcullis.policy.PolicyEvaluatorTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionTest {
    @TempDir
    Path dir;

    @Test
    void ignoreFileSuppressesWithStatementAndNarrowing() throws IOException {
        Path f = write(".portcullisignore.yaml", """
                ignore:
                  - id: CVE-2021-44228
                    packages: [org.apache.logging.log4j:log4j-core]
                    paths: ["app/lib/*.jar"]
                    statement: JNDI lookups are disabled by log4j2.formatMsgNoLookups
                    expires: 2026-12-31
                  - id: GHSA-hrpp-h998-j3pp
                    purl: pkg:npm/express
                    statement: only express's copy would be affected
                """);
        Assessment a = assess(List.of(CRITICAL_LOG4J, HIGH_QS), IgnoreFileLoader.loadAny(f), NOW);
        AssessedFinding log4j = a.findings().get(0);
        assertEquals(f + ":2", log4j.suppression().origin());
        assertEquals("JNDI lookups are disabled by log4j2.formatMsgNoLookups", log4j.suppression().statement());
        assertNull(a.findings().get(1).suppression(), "purl narrowing to express must not suppress qs");
        assertEquals(List.of("GHSA-hrpp-h998-j3pp in qs 6.10.1"), a.verdict().reasons().get(0).findingIds());
    }

    @Test
    void expiredEntryStopsSuppressingAndIsReported() throws IOException {
        Path f = write("ignore.yaml", """
                ignore:
                  - id: CVE-2021-44228
                    statement: accepted until the upgrade
                    expires: 2026-11-21
                """);
        Assessment a = assess(List.of(CRITICAL_LOG4J), IgnoreFileLoader.load(f), NOW);
        assertFalse(a.findings().get(0).suppressed());
        assertFalse(a.verdict().passed());
        assertTrue(a.verdict().warnings().get(0).contains("expired on 2026-11-21 [" + f + ":2]"), a.verdict().warnings().toString());
        // the expiry day itself still suppresses
        Assessment sameDay = assess(List.of(CRITICAL_LOG4J), IgnoreFileLoader.load(f), Instant.parse("2026-11-21T23:00:00Z"));
        assertTrue(sameDay.findings().get(0).suppressed());
    }

    @Test
    void ignoreFileErrorsNameFileAndLine() throws IOException {
        Path noStatement = write("a.yaml", "ignore:\n  - id: CVE-2021-44228\n    expires: 2026-12-31\n");
        assertEquals(noStatement + ":2: ignore entry for CVE-2021-44228 has no 'statement' (say why it does not matter)",
                assertThrows(InputException.class, () -> IgnoreFileLoader.load(noStatement)).getMessage());
        Path badDate = write("b.yaml", "ignore:\n  - id: CVE-1\n    statement: x\n    expires: next week\n");
        assertEquals(badDate + ":4: 'expires' must be a date YYYY-MM-DD, got 'next week'",
                assertThrows(InputException.class, () -> IgnoreFileLoader.load(badDate)).getMessage());
        assertEquals(List.of(), IgnoreFileLoader.load(write("empty.yaml", "ignore:\n")).entries());
        Path notAList = write("d.yaml", "ignore: CVE-1\n");
        assertEquals(notAList + ":1: 'ignore' must be a list of entries",
                assertThrows(InputException.class, () -> IgnoreFileLoader.load(notAList)).getMessage());
        Path unknown = write("c.yaml", "ignore:\n  - id: CVE-1\n    statment: x\n");
        assertTrue(assertThrows(InputException.class, () -> IgnoreFileLoader.load(unknown)).getMessage()
                .startsWith(unknown + ":3: unknown key 'statment'"));
    }

    @Test
    void defaultIgnoreFilesAreThoseThatExist() throws IOException {
        assertEquals(List.of(), IgnoreFileLoader.defaultFiles(dir));
        Path trivy = write(".trivyignore", "CVE-2021-44228\n");
        assertEquals(List.of(trivy), IgnoreFileLoader.defaultFiles(dir));
        Path ours = write(".portcullisignore.yaml", "ignore: []\n");
        assertEquals(List.of(ours, trivy), IgnoreFileLoader.defaultFiles(dir));
    }

    @Test
    void trivyIgnoreWithExpiryAndComments() throws IOException {
        Path f = write(".trivyignore", """
                # Accept the risk: not reachable from our code
                CVE-2021-23337

                # expired acceptance
                CVE-2021-44228 exp:2025-01-01
                GHSA-hrpp-h998-j3pp exp:2027-01-01 # trailing comment
                """);
        Suppressions s = IgnoreFileLoader.loadAny(f);
        assertEquals(3, s.entries().size());
        assertEquals("Accept the risk: not reachable from our code", s.entries().get(0).statement());
        Assessment a = assess(List.of(HIGH_LODASH, CRITICAL_LOG4J, HIGH_QS), s, NOW);
        assertTrue(a.findings().get(0).suppressed(), "alias CVE-2021-23337 names GHSA-35jh-r3h4-6jhm");
        assertFalse(a.findings().get(1).suppressed());
        assertTrue(a.findings().get(2).suppressed());
        assertEquals(f + ":5", s.expired(java.time.LocalDate.of(2026, 11, 22)).get(0).origin());
        Path bad = write("bad.trivyignore", "CVE-1 exp:tomorrow\n");
        assertEquals(bad + ":1: 'exp:tomorrow' is not exp:YYYY-MM-DD",
                assertThrows(InputException.class, () -> TrivyIgnoreLoader.load(bad)).getMessage());
    }

    @Test
    void openVexNotAffectedSuppressesAffectedDoesNot() throws IOException {
        Path f = write("vex.openvex.json", """
                {
                  "@context": "https://openvex.dev/ns/v0.2.0",
                  "@id": "https://example.com/vex/2026-11-22",
                  "author": "Platform team",
                  "timestamp": "2026-11-20T10:00:00Z",
                  "version": 1,
                  "statements": [
                    {
                      "vulnerability": {"name": "CVE-2021-44228"},
                      "products": [{"@id": "pkg:oci/alpine@sha256%3Acb8a924afdf0229ef7515d9e5b3024e23b3eb03ddbba287f4a19c6ac90b8d221"}],
                      "status": "not_affected",
                      "justification": "vulnerable_code_not_in_execute_path"
                    },
                    {
                      "vulnerability": {"name": "GHSA-hrpp-h998-j3pp"},
                      "status": "affected",
                      "action_statement": "upgrade qs"
                    },
                    {
                      "vulnerability": {"name": "CVE-2021-23337"},
                      "status": "not_affected",
                      "impact_statement": "template() is never called",
                      "timestamp": "2026-11-01T00:00:00Z"
                    },
                    {
                      "vulnerability": {"name": "CVE-2021-23337"},
                      "status": "under_investigation",
                      "timestamp": "2026-11-15T00:00:00Z"
                    }
                  ]
                }
                """);
        Suppressions s = VexLoader.load(f);
        assertEquals(1, s.entries().size(), "later under_investigation revokes the earlier not_affected");
        Assessment a = assess(List.of(CRITICAL_LOG4J, HIGH_QS, HIGH_LODASH), s, NOW);
        SuppressionRule log4j = a.findings().get(0).suppression();
        assertEquals("not_affected", log4j.status());
        assertEquals("vulnerable_code_not_in_execute_path", log4j.justification());
        assertEquals(f + ":8", log4j.origin());
        assertFalse(a.findings().get(1).suppressed());
        assertFalse(a.findings().get(2).suppressed());
    }

    @Test
    void openVexForAnotherImageDoesNotApply() throws IOException {
        Path f = write("other.json", """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "a",
                 "timestamp": "2026-11-20T10:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2021-44228"},
                   "products": [{"@id": "pkg:oci/other@sha256%3A0000000000000000000000000000000000000000000000000000000000000000"}],
                   "status": "fixed"}]}
                """);
        assertFalse(assess(List.of(CRITICAL_LOG4J), VexLoader.load(f), NOW).findings().get(0).suppressed());
    }

    @Test
    void invalidOpenVexIsRejectedWithLine() throws IOException {
        Path f = write("bad.json", """
                {
                  "@context": "https://openvex.dev/ns/v0.2.0",
                  "@id": "https://example.com/vex/1",
                  "author": "a",
                  "timestamp": "2026-11-20T10:00:00Z",
                  "version": 1,
                  "statements": [
                    {
                      "vulnerability": {"name": "CVE-2021-44228"},
                      "status": "not_affected"
                    }
                  ]
                }
                """);
        InputException e = assertThrows(InputException.class, () -> VexLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":8: not valid OpenVEX 0.2.0"), e.getMessage());
        Path broken = write("broken.json", "{\n  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n  \"statements\": [\n}\n");
        assertTrue(assertThrows(InputException.class, () -> VexLoader.load(broken)).getMessage().startsWith(broken + ":4: invalid JSON"));
    }

    @Test
    void cycloneDxVexStates() throws IOException {
        Path f = write("vex.cdx.json", """
                {
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.5",
                  "version": 1,
                  "components": [
                    {"type": "library", "bom-ref": "log4j", "name": "log4j-core", "version": "2.14.1",
                     "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}
                  ],
                  "vulnerabilities": [
                    {
                      "id": "CVE-2021-44228",
                      "analysis": {"state": "not_affected", "justification": "code_not_reachable", "detail": "JndiLookup class removed"},
                      "affects": [{"ref": "log4j"}]
                    },
                    {
                      "id": "GHSA-hrpp-h998-j3pp",
                      "analysis": {"state": "exploitable"},
                      "affects": [{"ref": "log4j"}]
                    }
                  ]
                }
                """);
        Assessment a = assess(List.of(CRITICAL_LOG4J, HIGH_QS), VexLoader.load(f), NOW);
        SuppressionRule s = a.findings().get(0).suppression();
        assertEquals("JndiLookup class removed", s.statement());
        assertEquals("code_not_reachable", s.justification());
        assertEquals(SuppressionRule.Kind.CYCLONEDX_VEX, s.kind());
        assertFalse(a.findings().get(1).suppressed());

        Path bad = write("bad.cdx.json", """
                {
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.5",
                  "version": 1,
                  "vulnerabilities": [
                    {
                      "id": "CVE-2021-44228",
                      "analysis": {"state": "fine"}
                    }
                  ]
                }
                """);
        InputException e = assertThrows(InputException.class, () -> VexLoader.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":8: not valid CycloneDX 1.5"), e.getMessage());
    }

    private static Assessment assess(List<Finding> findings, Suppressions s, Instant now) {
        Policy p = PolicyEvaluatorTest.limits(Map.of(Severity.CRITICAL, 0, Severity.HIGH, 0));
        return PolicyEvaluator.evaluate(OsvFindings.scan(findings, now), p, GateOptions.defaults(), s, now);
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
