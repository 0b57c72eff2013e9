package io.portcullis.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest as OCI writes it, {@code algorithm:hex}. Only the algorithms registries use
 * for content addressing (sha256, sha512) are accepted, so a parsed digest is always safe to put
 * into a URL path or a file name.
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
            throw new IllegalArgumentException("not a sha256 or sha512 digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}; empty for anything else. */
    public static Optional<Digest> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Digest(text.substring(0, colon), text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The sha256 digest of some bytes. */
    public static Digest sha256(byte[] content) {
        MessageDigest sha = newMessageDigest("sha256");
        return new Digest("sha256", HexFormat.of().formatHex(sha.digest(content)));
    }

    /** A fresh {@link MessageDigest} for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    /** Whether these bytes have this digest. */
    public boolean matches(byte[] content) {
        return hex.equals(HexFormat.of().formatHex(newMessageDigest().digest(content)));
    }

    private static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
