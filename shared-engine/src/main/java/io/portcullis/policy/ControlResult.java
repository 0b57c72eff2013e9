package io.portcullis.policy;

import java.util.List;
import java.util.Objects;

/**
 * One benchmark control as this scan judged it.
 *
 * @param control the control's number ("4.1", "6.2")
 * @param title what the control asks
 * @param status PASS or FAIL for a control the image shows; MANUAL where it cannot, never counted as passed
 * @param evidence what the status rests on, one line each: the findings behind a FAIL ("PCC-4.1-ROOT-USER at
 *     config.User"), what was found for a PASS, or why a control is manual
 * @param findings the keys of the findings that failed the control (as {@link AssessedFinding#key()} and
 *     {@link AssessedCheck#key()} write them), so reports can mark them; empty when no finding is to blame
 */
public record ControlResult(String control, String title, Status status, List<String> evidence, List<String> findings) {

    public enum Status { PASS, FAIL, MANUAL }

    /** A control whose evidence is not a list of findings. */
    public ControlResult(String control, String title, Status status, List<String> evidence) {
        this(control, title, status, evidence, List.of());
    }

    public ControlResult {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(status, "status");
        evidence = List.copyOf(evidence);
        findings = List.copyOf(findings);
    }
}
