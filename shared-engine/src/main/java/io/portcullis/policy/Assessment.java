package io.portcullis.policy;

import java.util.List;

/**
 * Every finding with its treatment, and the verdict: what a policy evaluation produces.
 *
 * @param findings the vulnerability findings
 * @param verdict the gate's outcome
 * @param checks the misconfiguration and secret findings
 * @param compliance the compliance benchmarks evaluated, each control with its evidence
 */
public record Assessment(List<AssessedFinding> findings, Verdict verdict, List<AssessedCheck> checks, List<BenchmarkResult> compliance) {

    /** An assessment that evaluated no compliance benchmark. */
    public Assessment(List<AssessedFinding> findings, Verdict verdict, List<AssessedCheck> checks) {
        this(findings, verdict, checks, List.of());
    }

    /** An assessment of vulnerability findings only. */
    public Assessment(List<AssessedFinding> findings, Verdict verdict) {
        this(findings, verdict, List.of());
    }

    public Assessment {
        findings = List.copyOf(findings);
        checks = List.copyOf(checks);
        compliance = List.copyOf(compliance);
    }
}
