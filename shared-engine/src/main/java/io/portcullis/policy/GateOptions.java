package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.match.Severity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line gate options, named as Trivy users know them. The {@code scan} command maps its
 * flags onto this record; the Azure DevOps task maps {@code severityThreshold} onto {@link #failOn}.
 *
 * @param severities {@code --severity}: findings of these severities are shown in human-facing reports
 *     (and counted by the {@code --exit-code} rule); empty means all
 * @param ignoreUnfixed {@code --ignore-unfixed}: findings without a fixed version are neither shown nor counted
 * @param exitCode {@code --exit-code N}: the process exit code when the gate fails; null when not given
 *     (then 1). Given without a policy limit or {@code --fail-on}, any shown finding fails the gate, as in Trivy.
 * @param failOn {@code --fail-on SEVERITY} / {@code severityThreshold}: any counted finding at or above fails; may be null
 */
public record GateOptions(Set<Severity> severities, boolean ignoreUnfixed, Integer exitCode, Severity failOn) {

    public static final int DEFAULT_FAILURE_EXIT_CODE = 1;

    public GateOptions {
        severities = severities == null || severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new InputException("--exit-code must be between 0 and 255, got " + exitCode);
        }
    }

    public static GateOptions defaults() {
        return new GateOptions(Set.of(), false, null, null);
    }

    /** Parses Trivy's comma-separated {@code --severity} list ("CRITICAL,HIGH"). */
    public static Set<Severity> parseSeverities(String commaSeparated) {
        Set<Severity> result = EnumSet.noneOf(Severity.class);
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                result.add(parseSeverity(part, "--severity"));
            }
        }
        return result;
    }

    /** Parses one severity name for {@code --fail-on} or {@code severityThreshold}; names the option on error. */
    public static Severity parseSeverity(String text, String option) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(option + ": unknown severity '" + text.trim()
                    + "' (expected one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)");
        }
    }

    public GateOptions withFailOn(Severity newFailOn) {
        return new GateOptions(severities, ignoreUnfixed, exitCode, newFailOn);
    }

    /** True when the finding's severity passes the {@code --severity} filter. */
    public boolean shows(Severity severity) {
        return severities.isEmpty() || severities.contains(severity);
    }

    /** The exit code for a failed gate. */
    public int failureExitCode() {
        return exitCode == null ? DEFAULT_FAILURE_EXIT_CODE : exitCode;
    }

    @Override
    public String toString() {
        return "severities=" + severities + ", ignoreUnfixed=" + ignoreUnfixed + ", exitCode=" + exitCode
                + ", failOn=" + (failOn == null ? "none" : failOn.name().toLowerCase(Locale.ROOT));
    }
}
