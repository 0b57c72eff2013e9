package io.portcullis.policy;

import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.sbom.SchemaProblem;
import io.portcullis.scan.ScanResult;
import io.portcullis.signature.SignatureVerification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyEvaluatorTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    // HIGH in GHSA-sample.zip (database_specific.severity)
    static final Finding HIGH_LODASH = OsvFindings.ghsa("GHSA-35jh-r3h4-6jhm", "4.17.15");
    static final Finding HIGH_WS = OsvFindings.ghsa("GHSA-3h5v-q93c-6h6q", "5.2.3");
    static final Finding HIGH_TAR = OsvFindings.ghsa("GHSA-3jfq-g458-7qm9", "3.2.1");
    static final Finding HIGH_QS = OsvFindings.ghsa("GHSA-hrpp-h998-j3pp", "6.10.1");
    static final Finding CRITICAL_LOG4J = OsvFindings.ghsa("GHSA-jfh8-c2jp-5v3q", "2.14.1");
    static final Finding MODERATE_LODASH = OsvFindings.ghsa("GHSA-29mw-wpgm-hmr9", "4.17.15");
    static final Finding LOW_GUAVA_UNFIXED = OsvFindings.ghsa("GHSA-5mg8-w23w-74h3", "30.1-jre");

    @Test
    void recordsGiveTheSeveritiesAndFixesTheTestsRelyOn() {
        assertEquals(Severity.HIGH, HIGH_QS.severity());
        assertEquals(Severity.CRITICAL, CRITICAL_LOG4J.severity());
        assertEquals(List.of("CVE-2021-44228"), CRITICAL_LOG4J.aliases());
        assertEquals(Severity.LOW, LOW_GUAVA_UNFIXED.severity());
        assertFalse(LOW_GUAVA_UNFIXED.hasFix());
    }

    @Test
    void highLimitPassesAtTheLimitAndFailsOneOver() {
        Policy p = limits(Map.of(Severity.HIGH, 3));
        Verdict atLimit = eval(List.of(HIGH_LODASH, HIGH_WS, HIGH_TAR), p, GateOptions.defaults());
        assertTrue(atLimit.passed());
        assertEquals("3", atLimit.rules().get(0).actual());
        Verdict over = eval(List.of(HIGH_LODASH, HIGH_WS, HIGH_TAR, HIGH_QS), p, GateOptions.defaults());
        assertFalse(over.passed());
        RuleResult reason = over.reasons().get(0);
        assertEquals("high_vulnerabilities", reason.rule());
        assertEquals("3", reason.limit());
        assertEquals("4", reason.actual());
        assertTrue(reason.findingIds().contains("GHSA-hrpp-h998-j3pp in qs 6.10.1"), reason.findingIds().toString());
        assertEquals(1, over.exitCode());
    }

    @Test
    void criticalZeroFailsOnOneCriticalOnly() {
        Policy p = limits(Map.of(Severity.CRITICAL, 0));
        assertTrue(eval(List.of(HIGH_LODASH, MODERATE_LODASH), p, GateOptions.defaults()).passed());
        Verdict v = eval(List.of(CRITICAL_LOG4J), p, GateOptions.defaults());
        assertEquals(List.of("GHSA-jfh8-c2jp-5v3q in org.apache.logging.log4j:log4j-core 2.14.1"), v.reasons().get(0).findingIds());
    }

    @Test
    void ignoreUnfixedDoesNotCountFindingsWithoutFix() {
        Policy counting = limits(Map.of(Severity.LOW, 0));
        assertFalse(eval(List.of(LOW_GUAVA_UNFIXED), counting, GateOptions.defaults()).passed());
        Policy ignoring = new Policy("p", Map.of(Severity.LOW, 0), true, List.of(), List.of(), List.of(), null, List.of(), false, false);
        assertTrue(eval(List.of(LOW_GUAVA_UNFIXED), ignoring, GateOptions.defaults()).passed());
        assertTrue(eval(List.of(LOW_GUAVA_UNFIXED), counting, new GateOptions(Set.of(), true, null, null)).passed());
    }

    @Test
    void denyListFailsRegardlessOfCountAndMatchesAliasesAndPackages() {
        Policy byAlias = new Policy("p", Map.of(), false, List.of("CVE-2021-44228"), List.of(), List.of(), null, List.of(), false, false);
        Verdict v = eval(List.of(CRITICAL_LOG4J, HIGH_QS), byAlias, GateOptions.defaults());
        assertEquals("deny.vulnerabilities", v.reasons().get(0).rule());
        assertEquals(1, v.reasons().get(0).findingIds().size());
        Policy byPackage = new Policy("p", Map.of(), false, List.of(), List.of("pkg:npm/qs"), List.of(), null, List.of(), false, false);
        assertFalse(eval(List.of(HIGH_QS), byPackage, GateOptions.defaults()).passed());
        assertTrue(eval(List.of(HIGH_WS), byPackage, GateOptions.defaults()).passed());
    }

    @Test
    void allowListIsNotCounted() {
        Policy p = new Policy("p", Map.of(Severity.MEDIUM, 0), false, List.of(), List.of(), List.of("CVE-2020-28500"), null, List.of(), false, false);
        Assessment a = PolicyEvaluator.evaluate(OsvFindings.scan(List.of(MODERATE_LODASH), NOW), p, GateOptions.defaults(), Suppressions.none(), NOW);
        assertTrue(a.verdict().passed());
        assertTrue(a.findings().get(0).allowedByPolicy());
    }

    @Test
    void failOnCountsAtOrAboveTheThreshold() {
        GateOptions high = GateOptions.defaults().withFailOn(GateOptions.parseSeverity("high", "--fail-on"));
        assertTrue(eval(List.of(MODERATE_LODASH, LOW_GUAVA_UNFIXED), Policy.none(), high).passed());
        Verdict v = eval(List.of(MODERATE_LODASH, HIGH_QS, CRITICAL_LOG4J), Policy.none(), high);
        assertEquals("fail_on", v.reasons().get(0).rule());
        assertEquals("2", v.reasons().get(0).actual());
        // ContainerScan@0 severityThreshold: 'CRITICAL'
        GateOptions threshold = GateOptions.defaults().withFailOn(GateOptions.parseSeverity("CRITICAL", "severityThreshold"));
        assertTrue(eval(List.of(HIGH_QS), Policy.none(), threshold).passed());
        assertFalse(eval(List.of(CRITICAL_LOG4J), Policy.none(), threshold).passed());
    }

    @Test
    void trivyExitCodeWithSeverityFailsOnAnyShownFinding() {
        // the seed's trivy-action: exit-code 1, severity CRITICAL,HIGH, ignore-unfixed
        GateOptions trivy = new GateOptions(GateOptions.parseSeverities("CRITICAL,HIGH"), true, 1, null);
        assertTrue(eval(List.of(MODERATE_LODASH, LOW_GUAVA_UNFIXED), Policy.none(), trivy).passed());
        Verdict v = eval(List.of(MODERATE_LODASH, HIGH_WS), Policy.none(), trivy);
        assertEquals("exit_code", v.reasons().get(0).rule());
        assertEquals(1, v.exitCode());
        Verdict custom = eval(List.of(HIGH_WS), Policy.none(), new GateOptions(Set.of(), false, 7, Severity.HIGH));
        assertEquals(7, custom.exitCode());
        assertEquals(0, eval(List.of(HIGH_WS), Policy.none(), GateOptions.defaults()).exitCode());
    }

    @Test
    void databaseAgeAndNotEvaluatedRules() {
        Policy p = new Policy("p", Map.of(), false, List.of(), List.of(), List.of(), Duration.ofDays(7),
                List.of("cis_benchmark"), true, false);
        Verdict fresh = PolicyEvaluator.evaluate(OsvFindings.scan(List.of(), NOW.minus(Duration.ofDays(7))), p,
                GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertTrue(fresh.passed(), "exactly 7 days old passes max_db_age 7d");
        assertEquals(List.of("max_db_age", "compliance.cis_benchmark", "sbom_validation"),
                fresh.rules().stream().map(RuleResult::rule).toList());
        assertEquals(2, fresh.rules().stream().filter(r -> r.status() == RuleResult.Status.NOT_EVALUATED).count());
        assertEquals(2, fresh.warnings().size());
        Verdict stale = PolicyEvaluator.evaluate(OsvFindings.scan(List.of(), NOW.minus(Duration.ofDays(7)).minusSeconds(60)), p,
                GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertEquals("max_db_age", stale.reasons().get(0).rule());
        assertEquals("7d", stale.reasons().get(0).limit());
        assertEquals("7d", PolicyEvaluator.format(Duration.ofDays(7).plusSeconds(60)), "minutes past a day are not shown");
        assertEquals("7d 2h", PolicyEvaluator.format(Duration.ofDays(7).plusHours(2)));
        assertEquals("5h", PolicyEvaluator.format(Duration.ofHours(5)));
        // Without max_db_age the policy says nothing of the DB's age: the DB's own freshness check (--db-max-age) warns, once.
        Verdict old = PolicyEvaluator.evaluate(OsvFindings.scan(List.of(), NOW.minus(Duration.ofDays(30))), Policy.none(),
                GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertTrue(old.passed());
        assertEquals(List.of(), old.warnings());
    }

    static Policy limits(Map<Severity, Integer> limits) {
        return new Policy("p", limits, false, List.of(), List.of(), List.of(), null, List.of(), false, false);
    }

    static Verdict eval(List<Finding> findings, Policy policy, GateOptions options) {
        return PolicyEvaluator.evaluate(OsvFindings.scan(findings, NOW), policy, options, Suppressions.none(), NOW).verdict();
    }

    @Test
    void signingRequiredPassesOnlyAVerifiedSignature() {
        Policy signing = new Policy("p", Map.of(), false, List.of(), List.of(), List.of(), null, List.of(), false, true);
        SignatureVerification verified = SignatureVerification.verified("signature in sha256-ab.sig verified with key sha256:12",
                "sha256:" + "12".repeat(32), "registry.example/app");
        RuleResult passed = signingRule(verified, signing);
        assertEquals(RuleResult.Status.PASSED, passed.status());
        assertEquals("VERIFIED", passed.actual());
        assertEquals(verified.reason(), passed.message());
        for (SignatureVerification failing : List.of(
                SignatureVerification.unsigned("no signature tag sha256-ab.sig in registry.example/app"),
                SignatureVerification.invalid("no valid signature in sha256-ab.sig: the signature is for another digest"),
                SignatureVerification.notChecked("no public key given"),
                SignatureVerification.notChecked("cannot verify signatures of a local image (docker-archive:app.tar)"))) {
            RuleResult failed = signingRule(failing, signing);
            assertEquals(RuleResult.Status.FAILED, failed.status(), failing.toString());
            assertEquals(failing.status().name(), failed.actual());
            assertEquals(failing.reason(), failed.message());
        }
        // Without signing_required a signature result is reported, never gated.
        Policy none = Policy.none();
        ScanResult unsigned = withSignature(SignatureVerification.unsigned("no signature tag"));
        Verdict verdict = PolicyEvaluator.evaluate(unsigned, none, GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertTrue(verdict.passed());
        assertTrue(verdict.rules().isEmpty(), verdict.rules().toString());
    }

    private static RuleResult signingRule(SignatureVerification signature, Policy policy) {
        Verdict verdict = PolicyEvaluator.evaluate(withSignature(signature), policy, GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertEquals(signature.verified(), verdict.passed());
        return verdict.rules().stream().filter(r -> r.rule().equals("signing_required")).findFirst().orElseThrow();
    }

    private static ScanResult withSignature(SignatureVerification signature) {
        ScanResult plain = OsvFindings.scan(List.of(), NOW);
        return new ScanResult(plain.image(), plain.inventory(), plain.findings(), plain.database(), plain.startedAt(), plain.duration(),
                List.of(), Set.of(), signature);
    }

    @Test
    void sbomValidationRequiredFailsOnASchemaProblemOrAMissingPackageAndOptionalOnlyWarns() {
        SbomCheck generated = new SbomCheck("generated CycloneDX", "CycloneDX 1.6", 0, List.of(), false, 0, 0, List.of());
        SbomCheck badType = new SbomCheck("generated SPDX", "SPDX 2.3", 2,
                List.of(new SchemaProblem("/packages/1/versionInfo", "integer found, string expected")), false, 0, 0, List.of());
        SbomCheck suppliedMissingQs = new SbomCheck("app.cdx.json", "CycloneDX 1.5", 0, List.of(), true, 40, 1,
                List.of("qs 6.10.1 (pkg:npm/qs@6.10.1)"));
        Policy required = sbomPolicy(SbomRequirement.REQUIRED);

        RuleResult passed = sbomRule(required, generated);
        assertEquals(RuleResult.Status.PASSED, passed.status());
        assertEquals("required", passed.limit());
        assertEquals("valid", passed.actual());

        RuleResult failed = sbomRule(required, generated, badType);
        assertEquals(RuleResult.Status.FAILED, failed.status());
        assertEquals("2 schema problem(s), 0 missing package(s)", failed.actual());
        assertTrue(failed.message().contains("generated SPDX (SPDX 2.3): 2 schema problem(s), first /packages/1/versionInfo: integer found"),
                failed.message());
        assertFalse(failed.message().contains("generated CycloneDX"), "only the failing documents are named: " + failed.message());

        // --sbom FILE under a policy silent on sbom_validation gates as required
        RuleResult supplied = sbomRule(Policy.none(), suppliedMissingQs);
        assertEquals(RuleResult.Status.FAILED, supplied.status());
        assertEquals("required", supplied.limit());
        assertTrue(supplied.message().contains("1 of 40 image package(s) missing: qs 6.10.1 (pkg:npm/qs@6.10.1)"), supplied.message());

        Verdict optional = PolicyEvaluator.evaluate(withSboms(generated, badType, suppliedMissingQs), sbomPolicy(SbomRequirement.OPTIONAL),
                GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertTrue(optional.passed(), "optional never fails the gate");
        assertTrue(optional.rules().isEmpty(), optional.rules().toString());
        assertEquals(1, optional.warnings().size(), optional.warnings().toString());
        assertTrue(optional.warnings().get(0).startsWith("sbom_validation (optional, not gating): generated SPDX (SPDX 2.3): 2 schema problem(s)"),
                optional.warnings().get(0));
        assertTrue(optional.warnings().get(0).contains("qs 6.10.1"), optional.warnings().get(0));
        Verdict optionalValid = PolicyEvaluator.evaluate(withSboms(generated), sbomPolicy(SbomRequirement.OPTIONAL),
                GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertEquals(List.of(), optionalValid.warnings());

        Verdict nothingValidated = PolicyEvaluator.evaluate(withSboms(), required, GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertEquals(RuleResult.Status.NOT_EVALUATED, nothingValidated.rules().get(0).status());
        assertTrue(nothingValidated.passed());
        assertEquals(List.of("sbom_validation not evaluated (no SBOM was validated); not counted as passed"), nothingValidated.warnings());
    }

    private static Policy sbomPolicy(SbomRequirement requirement) {
        return new Policy("p", Map.of(), false, List.of(), List.of(), List.of(), null, List.of(), requirement, false, null, List.of(), null,
                null, null);
    }

    private static RuleResult sbomRule(Policy policy, SbomCheck... documents) {
        Verdict verdict = PolicyEvaluator.evaluate(withSboms(documents), policy, GateOptions.defaults(), Suppressions.none(), NOW).verdict();
        assertEquals(1, verdict.rules().size(), verdict.rules().toString());
        RuleResult rule = verdict.rules().get(0);
        assertEquals("sbom_validation", rule.rule());
        assertEquals(rule.status() == RuleResult.Status.PASSED, verdict.passed());
        return rule;
    }

    private static ScanResult withSboms(SbomCheck... documents) {
        return OsvFindings.scan(List.of(), NOW).withSbomValidation(new SbomValidation(List.of(documents)));
    }
}
