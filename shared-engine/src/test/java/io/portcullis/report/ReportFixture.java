package io.portcullis.report;

import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.policy.Assessment;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.OsvFindings;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEvaluator;
import io.portcullis.policy.SuppressionRule;
import io.portcullis.policy.Suppressions;
import io.portcullis.scan.ScanResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A report over real GHSA records: a failing high limit, one suppressed finding, one unfixed, one not evaluated rule. */
final class ReportFixture {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final List<Finding> FINDINGS = List.of(
            OsvFindings.ghsa("GHSA-jfh8-c2jp-5v3q", "2.14.1"),   // CRITICAL log4j-core, suppressed below
            OsvFindings.ghsa("GHSA-35jh-r3h4-6jhm", "4.17.15"),  // HIGH lodash
            OsvFindings.ghsa("GHSA-hrpp-h998-j3pp", "6.10.1"),   // HIGH qs
            OsvFindings.ghsa("GHSA-29mw-wpgm-hmr9", "4.17.15"),  // MODERATE lodash
            OsvFindings.ghsa("GHSA-5mg8-w23w-74h3", "30.1-jre"), // LOW guava, no fix
            OsvFindings.fromRecord(OsvFindings.record("Alpine.zip", "ALPINE-CVE-2012-2738"), "0.28.2-r11")); // no severity

    private ReportFixture() {
    }

    static Report report() {
        return report(GateOptions.defaults());
    }

    static Report report(GateOptions options) {
        ScanResult scan = OsvFindings.scan(FINDINGS, NOW.minusSeconds(3600));
        Policy policy = new Policy("policy.yaml", Map.of(Severity.CRITICAL, 0, Severity.HIGH, 1), false, List.of(), List.of(),
                List.of(), null, List.of("cis_benchmark"), false, false);
        Suppressions suppressions = new Suppressions(List.of(new SuppressionRule("CVE-2021-44228", List.of(), List.of(), List.of(),
                List.of(), "JndiLookup removed from the jar", LocalDate.of(2027, 1, 1), SuppressionRule.Kind.IGNORE_FILE,
                null, null, List.of(), ".portcullisignore.yaml:2")));
        Assessment assessment = PolicyEvaluator.evaluate(scan, policy, options, suppressions, NOW);
        return new Report(scan, assessment, suppressions, "0.1.0");
    }
}
