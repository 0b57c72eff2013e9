package io.portcullis.policy;

/** The policy's {@code sbom_validation}: whether the image's SBOM must be valid for the gate to pass. */
public enum SbomRequirement {
    /** Not validated, unless an SBOM is supplied to check ({@code --sbom FILE}), which then gates as required. */
    DISABLED,
    /** Validated and reported, with a warning on problems; never fails the gate. */
    OPTIONAL,
    /** Validated; any schema problem or missing package fails the gate. */
    REQUIRED
}
