package io.portcullis.image;

import io.portcullis.InputException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest "algorithm:hex" as OCI descriptors state it. Only the algorithms the OCI image
 * spec registers are accepted, and the hex part is checked strictly: a digest names a file under
 * {@code blobs/}, so a lax parser would let {@code sha256:../../x} escape the layout.
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        boolean valid = switch (algorithm) {
            case "sha256" -> SHA256.matcher(hex).matches();
            case "sha512" -> SHA512.matcher(hex).matches();
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("invalid digest " + algorithm + ":" + hex);
        }
    }

    /** Parses "sha256:...", naming {@code source} in the error when the text is not a valid digest. */
    public static Digest parse(String text, String source) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon > 0) {
            try {
                return new Digest(text.substring(0, colon), text.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                // reported below with the source named
            }
        }
        throw new InputException(source + ": invalid or unsupported digest '" + text + "' (expected sha256:<64 hex> or sha512:<128 hex>)");
    }

    public static boolean isValid(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            new Digest(text.substring(0, colon), text.substring(colon + 1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Digest sha256Of(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(hasher("sha256").digest(content)));
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        return hasher(algorithm);
    }

    /** A fresh hasher for "sha256" or "sha512". */
    public static MessageDigest hasher(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** Whether {@code content} hashes to this digest. */
    public boolean matches(byte[] content) {
        return HexFormat.of().formatHex(newHasher().digest(content)).equals(hex);
    }

    /** Relative path of this blob in an OCI image layout. */
    public String layoutPath() {
        return "blobs/" + algorithm + "/" + hex;
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
