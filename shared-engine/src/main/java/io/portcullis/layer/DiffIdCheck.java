package io.portcullis.layer;

import io.portcullis.InputException;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Hashes a layer's decompressed tar as it is read and compares the result with the layer's diffID. */
final class DiffIdCheck {

    private final String expected;
    private final String algorithm;
    private final MessageDigest digest;
    private final String where;

    private DiffIdCheck(String expected, String algorithm, MessageDigest digest, String where) {
        this.expected = expected;
        this.algorithm = algorithm;
        this.digest = digest;
        this.where = where;
    }

    /** @throws InputException when the diffID is not "sha256:hex" or "sha512:hex" */
    static DiffIdCheck of(String diffId, String where) {
        int colon = diffId.indexOf(':');
        String algorithm = colon < 0 ? "" : diffId.substring(0, colon);
        String javaName = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new InputException(where + ": diffID '" + diffId + "' is not a sha256 or sha512 digest");
        };
        try {
            return new DiffIdCheck(diffId.toLowerCase(Locale.ROOT), algorithm, MessageDigest.getInstance(javaName), where);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + javaName, e);
        }
    }

    /**
     * The stream to read the tar from. It must see every byte: the size cap above it reads
     * through skips rather than delegating them, which is what keeps skipped bytes hashed.
     */
    InputStream wrap(InputStream decompressed) {
        return new DigestInputStream(decompressed, digest);
    }

    void verify() {
        String actual = algorithm + ":" + HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new InputException(where + ": content does not match its diffID " + expected + " (it is " + actual + ")");
        }
    }
}
