package io.portcullis.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one gate rule.
 *
 * @param rule the rule's name as written in the policy file or on the command line
 *     ("high_vulnerabilities", "deny.vulnerabilities", "fail_on", "max_db_age", "compliance.pci_dss", ...)
 * @param status whether it passed, failed or could not be evaluated
 * @param limit the configured limit, as text ("3", "HIGH", "7d", "required")
 * @param actual what was measured, as text ("4", "9d"), or null when not evaluated
 * @param findingIds the findings behind the count, as "ID in package version"
 * @param message one human sentence
 */
public record RuleResult(String rule, Status status, String limit, String actual, List<String> findingIds, String message) {

    /** {@link #NOT_EVALUATED} is never a pass: it marks a gate Portcullis cannot check yet. */
    public enum Status { PASSED, FAILED, NOT_EVALUATED }

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        findingIds = List.copyOf(findingIds);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
