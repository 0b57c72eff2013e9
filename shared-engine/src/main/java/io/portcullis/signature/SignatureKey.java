package io.portcullis.signature;

import java.security.PublicKey;
import java.util.Objects;

/**
 * One public key a signature may be verified with.
 *
 * @param key the JDK key (EC on P-256, RSA, or Ed25519)
 * @param algorithm the JDK signature algorithm cosign's signatures with this key use
 *     ({@code SHA256withECDSA}, {@code SHA256withRSA}, {@code Ed25519})
 * @param fingerprint "sha256:" and the hex SHA-256 of the key's DER SubjectPublicKeyInfo (the bytes inside the PEM),
 *     the same for a key however its PEM file is wrapped or named
 * @param source the file the key was read from, for messages
 */
public record SignatureKey(PublicKey key, String algorithm, String fingerprint, String source) {

    public SignatureKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(source, "source");
    }
}
