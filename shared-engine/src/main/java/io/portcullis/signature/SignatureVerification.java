package io.portcullis.signature;

import java.util.Objects;

/**
 * What the signature check found for one scanned image: the value the {@code signing_required} gate, the
 * reports and the compliance controls read.
 *
 * @param status the outcome; only {@link Status#VERIFIED} means a valid signature was found
 * @param reason one human sentence saying why (which tag, which key, what did not match)
 * @param keyFingerprint the fingerprint of the key that verified the signature ({@link SignatureKey#fingerprint()}), or null
 * @param signedReference the {@code critical.identity.docker-reference} of the verified payload, or null
 */
public record SignatureVerification(Status status, String reason, String keyFingerprint, String signedReference) {

    public enum Status {
        /** A signature over the scanned digest verified with one of the given keys. */
        VERIFIED,
        /** There is no signature for the scanned digest (no {@code sha256-<hex>.sig} tag, or no signature in it). */
        UNSIGNED,
        /** Signatures exist but none is valid: bytes that do not verify with any given key, a payload for another digest or of another type. */
        INVALID,
        /** Nothing was checked: no key was given, the image came from a source that keeps no signatures, or the tag could not be read. */
        NOT_CHECKED
    }

    public SignatureVerification {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static SignatureVerification verified(String reason, String keyFingerprint, String signedReference) {
        return new SignatureVerification(Status.VERIFIED, reason, Objects.requireNonNull(keyFingerprint, "keyFingerprint"), signedReference);
    }

    public static SignatureVerification unsigned(String reason) {
        return new SignatureVerification(Status.UNSIGNED, reason, null, null);
    }

    public static SignatureVerification invalid(String reason) {
        return new SignatureVerification(Status.INVALID, reason, null, null);
    }

    public static SignatureVerification notChecked(String reason) {
        return new SignatureVerification(Status.NOT_CHECKED, reason, null, null);
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
