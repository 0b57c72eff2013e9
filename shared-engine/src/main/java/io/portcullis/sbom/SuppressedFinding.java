package io.portcullis.sbom;

import io.portcullis.match.Finding;

import java.util.Objects;

/**
 * A finding that the policy decided not to count, with the reason, as a CycloneDX VEX analysis states it.
 *
 * @param finding the suppressed finding
 * @param state why it does not count
 * @param justification why the package is not affected; only with {@link State#NOT_AFFECTED}, and optional there
 * @param detail free text for the reader: who decided, where (e.g. ".trivyignore line 3"), and why; may be null
 */
public record SuppressedFinding(Finding finding, State state, Justification justification, String detail) {

    public SuppressedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(state, "state");
        if (justification != null && state != State.NOT_AFFECTED) {
            throw new IllegalArgumentException("a justification explains only 'not_affected', not " + state);
        }
    }

    /** CycloneDX {@code analysis.state} values that take a finding out of the count. */
    public enum State {
        /** The package is not affected (see {@link Justification}). */
        NOT_AFFECTED,
        /** The match is wrong, e.g. the vulnerable component is not the one installed. */
        FALSE_POSITIVE,
        /** The vulnerability was remediated, e.g. by a backported patch. */
        RESOLVED
    }

    /** CycloneDX {@code analysis.justification} values, spelled as the specification spells them in upper case. */
    public enum Justification {
        CODE_NOT_PRESENT,
        CODE_NOT_REACHABLE,
        REQUIRES_CONFIGURATION,
        REQUIRES_DEPENDENCY,
        REQUIRES_ENVIRONMENT,
        PROTECTED_BY_COMPILER,
        PROTECTED_AT_RUNTIME,
        PROTECTED_AT_PERIMETER,
        PROTECTED_BY_MITIGATING_CONTROL
    }
}
