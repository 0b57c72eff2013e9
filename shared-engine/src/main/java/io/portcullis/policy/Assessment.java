package io.portcullis.policy;

import java.util.List;

/** Every finding with its treatment, and the verdict: what a policy evaluation produces. */
public record Assessment(List<AssessedFinding> findings, Verdict verdict) {
    public Assessment {
        findings = List.copyOf(findings);
    }
}
