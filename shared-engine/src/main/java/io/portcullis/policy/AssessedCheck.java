package io.portcullis.policy;

import io.portcullis.check.CheckFinding;

import java.util.Objects;

/**
 * A misconfiguration or secret finding with what the policy made of it.
 *
 * @param finding the finding
 * @param suppression the ignore entry naming its rule id, or null
 * @param shown passes the {@code --severity} display filter
 */
public record AssessedCheck(CheckFinding finding, SuppressionRule suppression, boolean shown) {

    public AssessedCheck {
        Objects.requireNonNull(finding, "finding");
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** Counts toward the severity limits and {@code --fail-on}, like an unsuppressed vulnerability. */
    public boolean counted() {
        return suppression == null;
    }

    public String key() {
        return finding.key();
    }
}
