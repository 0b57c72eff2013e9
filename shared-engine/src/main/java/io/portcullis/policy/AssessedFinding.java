package io.portcullis.policy;

import io.portcullis.match.Finding;

import java.util.Objects;

/**
 * A finding with what the policy made of it. Every finding of a scan has one; none is dropped.
 *
 * @param finding the finding as matched
 * @param suppression the ignore entry or VEX statement that suppresses it, or null
 * @param allowedByPolicy listed in the policy's {@code allow.vulnerabilities}
 * @param unfixedIgnored not counted because it has no fix and unfixed findings are ignored
 * @param shown passes the {@code --severity} / {@code --ignore-unfixed} display filter
 */
public record AssessedFinding(Finding finding, SuppressionRule suppression, boolean allowedByPolicy, boolean unfixedIgnored, boolean shown) {

    public AssessedFinding {
        Objects.requireNonNull(finding, "finding");
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** Counts toward the severity limits and {@code --fail-on}. */
    public boolean counted() {
        return suppression == null && !allowedByPolicy && !unfixedIgnored;
    }

    /** "CVE-2020-28500 in lodash 4.17.20": how rules and reports name a finding. */
    public String key() {
        return key(finding);
    }

    public static String key(Finding finding) {
        return finding.vulnerabilityId() + " in " + finding.pkg().name() + " " + finding.pkg().version();
    }
}
