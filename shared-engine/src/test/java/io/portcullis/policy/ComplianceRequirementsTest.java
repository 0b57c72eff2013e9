package io.portcullis.policy;

import io.portcullis.check.CheckKind;
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

/** The controls compliance_requirements chooses are the only ones judged, reported and scored. */
class ComplianceRequirementsTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void chosenControlsAreTheOnlyOnesJudgedAndScored() {
        // By tag, unsigned, no audit log: 6.4 and 10.2 would fail, but only 6.2 is chosen and nothing is overdue.
        Assessment assessment = evaluate(List.of("pci_dss"), Map.of("pci_dss", List.of("6.2")), Set.of());
        assertEquals(List.of("6.2"), assessment.compliance().get(0).controls().stream().map(ControlResult::control).toList());
        assertTrue(assessment.verdict().passed(), assessment.verdict().toString());
        assertEquals("1/1", assessment.verdict().rules().get(0).actual());
    }

    @Test
    void aChoiceOfManualControlsOnlyIsNotEvaluatedNeverPassed() {
        Assessment assessment = evaluate(List.of("cis_benchmark"), Map.of("cis_benchmark", List.of("4.2", "4.3")), Set.of(CheckKind.CONFIG));
        BenchmarkResult cis = assessment.compliance().get(0);
        assertEquals(List.of("4.2=MANUAL", "4.3=MANUAL"), cis.controls().stream().map(c -> c.control() + "=" + c.status()).toList());
        assertTrue(cis.score().isEmpty());
        RuleResult rule = assessment.verdict().rules().get(0);
        assertEquals(RuleResult.Status.NOT_EVALUATED, rule.status());
        assertFalse(assessment.verdict().warnings().isEmpty());
    }

    private static Assessment evaluate(List<String> benchmarks, Map<String, List<String>> chosen, Set<CheckKind> checksRun) {
        ScanResult plain = OsvFindings.scan(List.of(), NOW);
        ScanResult scan = new ScanResult(plain.image(), plain.inventory(), List.of(), plain.database(), plain.startedAt(), plain.duration(),
                List.of(), checksRun, SignatureVerification.unsigned("no signature tag"));
        Policy policy = new Policy("p", Map.of(), false, List.of(), List.of(), List.of(), null, benchmarks, SbomRequirement.DISABLED, false, null, List.of(),
                SecretPolicy.NONE, new ComplianceRequirements(chosen, Duration.ofDays(30)), AuditConfiguration.DEFAULT);
        return PolicyEvaluator.evaluate(scan, policy, GateOptions.defaults(), Suppressions.none(), NOW, null);
    }
}
