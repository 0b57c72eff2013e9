package io.portcullis.policy;

import java.util.List;
import java.util.Objects;

/**
 * One benchmark control as this scan judged it.
 *
 * @param control the control's number ("4.1")
 * @param title what the control asks
 * @param status PASS or FAIL for a control the image shows; MANUAL where it cannot, never counted as passed
 * @param evidence the findings behind a FAIL ("PCC-4.1-ROOT-USER at config.User"), or why a control is manual
 */
public record ControlResult(String control, String title, Status status, List<String> evidence) {

    public enum Status { PASS, FAIL, MANUAL }

    public ControlResult {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(status, "status");
        evidence = List.copyOf(evidence);
    }
}
