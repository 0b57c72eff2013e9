package io.portcullis.policy;

import io.portcullis.image.ImageMetadata;
import io.portcullis.match.Finding;
import io.portcullis.scan.ScanResult;
import io.portcullis.signature.SignatureVerification;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCI DSS 4.0 controls judged from planted facts: real OSV records' publication dates, image references, signature results. */
class PciDssTest {
    /** CRITICAL, fixed in 2.15.0; its record's published date is the planted age. */
    static final Finding LOG4J = OsvFindings.ghsa("GHSA-jfh8-c2jp-5v3q", "2.14.1");
    static final Instant LOG4J_PUBLISHED = Instant.parse(OsvFindings.record("GHSA-sample.zip", "GHSA-jfh8-c2jp-5v3q").get("published").asText());
    static final Finding MODERATE_LODASH = OsvFindings.ghsa("GHSA-29mw-wpgm-hmr9", "4.17.15");
    static final String LOG4J_KEY = "GHSA-jfh8-c2jp-5v3q in org.apache.logging.log4j:log4j-core 2.14.1";
    static final Path AUDIT = Path.of("/var/log/portcullis/audit.jsonl");
    static final String DIGEST = OsvFindings.MANIFEST;
    static final SignatureVerification VERIFIED = SignatureVerification.verified(
            "signature in sha256-cb8a.sig verified with key sha256:12", "sha256:" + "12".repeat(32), "docker.io/library/alpine");

    @Test
    void theRecordsCarryThePlantedFacts() {
        assertEquals(LOG4J_PUBLISHED, LOG4J.published());
        assertEquals(LocalDate.of(2021, 12, 10), LocalDate.ofInstant(LOG4J_PUBLISHED, java.time.ZoneOffset.UTC));
        assertTrue(LOG4J.hasFix());
    }

    @Test
    void anOldFixableCriticalFailsPatchesAndNamesItsAge() {
        Instant now = LOG4J_PUBLISHED.plus(Duration.ofDays(31));
        ControlResult patches = control(evaluate(List.of(LOG4J), pinned(), VERIFIED, AUDIT, policy(), now), "6.2");
        assertEquals(ControlResult.Status.FAIL, patches.status());
        assertEquals(List.of(LOG4J_KEY), patches.findings());
        assertTrue(patches.evidence().get(0).contains("published 2021-12-10 (31d ago), past the 30d grace period"), patches.evidence().toString());
    }

    @Test
    void aFixableCriticalWithinTheGracePeriodPasses() {
        Instant now = LOG4J_PUBLISHED.plus(Duration.ofDays(30));
        ControlResult patches = control(evaluate(List.of(LOG4J), pinned(), VERIFIED, AUDIT, policy(), now), "6.2");
        assertEquals(ControlResult.Status.PASS, patches.status());
        assertTrue(patches.evidence().get(1).startsWith(LOG4J_KEY) && patches.evidence().get(1).contains("within the 30d grace period"),
                patches.evidence().toString());
        // The policy's patch_grace_period moves the line.
        Policy strict = withRequirements(new ComplianceRequirements(Map.of(), Duration.ofDays(7)), AuditConfiguration.DEFAULT);
        assertEquals(ControlResult.Status.FAIL, control(evaluate(List.of(LOG4J), pinned(), VERIFIED, AUDIT, strict, now), "6.2").status());
    }

    @Test
    void onlyOpenFixableCriticalOrHighFindingsCount() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        // MODERATE is below the bar; a suppressed CRITICAL is not open.
        ControlResult medium = control(evaluate(List.of(MODERATE_LODASH), pinned(), VERIFIED, AUDIT, policy(), now), "6.2");
        assertEquals(ControlResult.Status.PASS, medium.status());
        Suppressions accepted = new Suppressions(List.of(new SuppressionRule("CVE-2021-44228", List.of(), List.of(), List.of(),
                List.of(), "JndiLookup removed", LocalDate.of(2027, 1, 1), SuppressionRule.Kind.IGNORE_FILE, null, null, List.of(), "ignore:1")));
        Assessment suppressed = PolicyEvaluator.evaluate(scan(List.of(LOG4J), pinned(), VERIFIED), policy(), GateOptions.defaults(),
                accepted, now, AUDIT);
        assertEquals(ControlResult.Status.PASS, control(suppressed, "6.2").status());
        // A finding whose records give no publication date cannot be shown to be recent.
        Finding undated = new Finding(LOG4J.vulnerabilityId(), LOG4J.aliases(), LOG4J.pkg(), LOG4J.severity(), LOG4J.severitySource(),
                LOG4J.cvssScore(), LOG4J.cvssVector(), LOG4J.fixedVersions(), LOG4J.summary(), LOG4J.references());
        ControlResult unknown = control(evaluate(List.of(undated), pinned(), VERIFIED, AUDIT, policy(), now), "6.2");
        assertEquals(ControlResult.Status.FAIL, unknown.status());
        assertTrue(unknown.evidence().get(0).contains("no publication date"), unknown.evidence().toString());
    }

    @Test
    void changeControlNeedsADigestPinAndAVerifiedSignature() {
        Instant now = LOG4J_PUBLISHED;
        assertEquals(ControlResult.Status.PASS, control(evaluate(List.of(), pinned(), VERIFIED, AUDIT, policy(), now), "6.4").status());
        ControlResult unsigned = control(evaluate(List.of(), pinned(),
                SignatureVerification.unsigned("no signature tag sha256-cb8a.sig in docker.io/library/alpine"), AUDIT, policy(), now), "6.4");
        assertEquals(ControlResult.Status.FAIL, unsigned.status());
        assertTrue(unsigned.evidence().get(1).contains("UNSIGNED") && unsigned.evidence().get(1).contains("no signature tag"), unsigned.evidence().toString());
        ControlResult noKey = control(evaluate(List.of(), pinned(),
                SignatureVerification.notChecked("no public key given (--signature-key FILE, or signature_keys in the policy)"), AUDIT, policy(), now), "6.4");
        assertEquals(ControlResult.Status.FAIL, noKey.status());
        assertTrue(noKey.evidence().get(1).contains("no public key given"), noKey.evidence().toString());
        ControlResult byTag = control(evaluate(List.of(), OsvFindings.image(), VERIFIED, AUDIT, policy(), now), "6.4");
        assertEquals(ControlResult.Status.FAIL, byTag.status());
        assertTrue(byTag.evidence().get(0).contains("docker.io/library/alpine:3.11 is not pinned by digest"), byTag.evidence().toString());
    }

    @Test
    void auditLoggingNeedsTheScansAuditLogWithEveryField() {
        Instant now = LOG4J_PUBLISHED;
        ControlResult written = control(evaluate(List.of(), pinned(), VERIFIED, AUDIT, policy(), now), "10.2");
        assertEquals(ControlResult.Status.PASS, written.status());
        assertTrue(written.evidence().get(0).contains(AUDIT.toString()), written.evidence().toString());
        ControlResult none = control(evaluate(List.of(), pinned(), VERIFIED, null, policy(), now), "10.2");
        assertEquals(ControlResult.Status.FAIL, none.status());
        assertTrue(none.evidence().get(0).contains("no audit log"), none.evidence().toString());
        Policy noUser = withRequirements(ComplianceRequirements.DEFAULT,
                new AuditConfiguration(List.of("timestamp", "action", "resource", "result"), Duration.ofDays(365), List.of("image_pull")));
        ControlResult partial = control(evaluate(List.of(), pinned(), VERIFIED, AUDIT, noUser, now), "10.2");
        assertEquals(ControlResult.Status.FAIL, partial.status());
        assertTrue(partial.evidence().contains("audit_configuration.audit_trail leaves out user"), partial.evidence().toString());
    }

    @Test
    void theGateFailsOnAnyFailedControlListsThemAndScoresTheRest() {
        Instant now = LOG4J_PUBLISHED.plus(Duration.ofDays(400));
        Assessment assessment = evaluate(List.of(LOG4J), OsvFindings.image(), VERIFIED, AUDIT, policy(), now);
        RuleResult rule = assessment.verdict().rules().get(0);
        assertEquals("compliance.pci_dss", rule.rule());
        assertEquals(RuleResult.Status.FAILED, rule.status());
        assertEquals("1/3", rule.actual());
        assertTrue(rule.message().contains("failed: 6.2, 6.4"), rule.message());
        assertEquals(List.of(LOG4J_KEY), rule.findingIds());
        assertFalse(assessment.verdict().passed());
        BenchmarkResult pci = assessment.compliance().get(0);
        assertEquals(List.of("6.2", "6.4", "10.2"), pci.controls().stream().map(ControlResult::control).toList());
        assertEquals(1 / 3.0, pci.score().orElseThrow(), 1e-9);

        Assessment clean = evaluate(List.of(), pinned(), VERIFIED, AUDIT, policy(), now);
        assertTrue(clean.verdict().passed());
        assertEquals("3/3", clean.verdict().rules().get(0).actual());
    }

    @Test
    void withoutAVulnerabilityScanPciDssIsNotEvaluatedNeverPassed() {
        ScanResult withDb = scan(List.of(), pinned(), VERIFIED);
        ScanResult configOnly = new ScanResult(withDb.image(), withDb.inventory(), List.of(), null, withDb.startedAt(), withDb.duration(),
                List.of(), Set.of(), VERIFIED);
        Verdict verdict = PolicyEvaluator.evaluate(configOnly, policy(), GateOptions.defaults(), Suppressions.none(), LOG4J_PUBLISHED, AUDIT).verdict();
        assertEquals(RuleResult.Status.NOT_EVALUATED, verdict.rules().get(0).status());
        assertTrue(verdict.warnings().get(0).contains("compliance.pci_dss not evaluated"), verdict.warnings().toString());
    }

    private static Policy policy() {
        return withRequirements(ComplianceRequirements.DEFAULT, AuditConfiguration.DEFAULT);
    }

    private static Policy withRequirements(ComplianceRequirements requirements, AuditConfiguration audit) {
        return new Policy("p", Map.of(), false, List.of(), List.of(), List.of(), null, List.of("pci_dss"), SbomRequirement.DISABLED, false, null, List.of(),
                SecretPolicy.NONE, requirements, audit);
    }

    private static ImageMetadata pinned() {
        ImageMetadata tagged = OsvFindings.image();
        return new ImageMetadata("docker.io/library/alpine@" + DIGEST, DIGEST, tagged.configDigest(), tagged.platform(),
                tagged.layerDigests(), tagged.diffIds(), tagged.repoTags());
    }

    private static ScanResult scan(List<Finding> findings, ImageMetadata image, SignatureVerification signature) {
        ScanResult plain = OsvFindings.scan(findings, LOG4J_PUBLISHED);
        return new ScanResult(image, plain.inventory(), plain.findings(), plain.database(), plain.startedAt(), plain.duration(),
                List.of(), Set.of(), signature);
    }

    private static Assessment evaluate(List<Finding> findings, ImageMetadata image, SignatureVerification signature, Path auditLog,
                                       Policy policy, Instant now) {
        return PolicyEvaluator.evaluate(scan(findings, image, signature), policy, GateOptions.defaults(), Suppressions.none(), now, auditLog);
    }

    private static ControlResult control(Assessment assessment, String id) {
        return assessment.compliance().get(0).controls().stream().filter(c -> c.control().equals(id)).findFirst().orElseThrow();
    }
}
