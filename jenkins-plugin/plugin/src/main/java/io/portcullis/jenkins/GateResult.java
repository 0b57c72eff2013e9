package io.portcullis.jenkins;

import hudson.AbortException;
import java.util.Locale;

/** What a failed policy does to the build. */
public enum GateResult {
    /** Publish everything, then fail the step so catchError / warnError see an ordinary failure. */
    FAILURE,
    /** Mark the step and the build UNSTABLE and go on. */
    UNSTABLE,
    /** Only report. */
    NONE;

    static GateResult parse(String value) throws AbortException {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AbortException("gateResult must be FAILURE, UNSTABLE or NONE, not '" + ConsoleText.safe(value) + "'");
        }
    }
}
