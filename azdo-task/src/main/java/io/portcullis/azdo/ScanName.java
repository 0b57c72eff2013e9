package io.portcullis.azdo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of one scan's attachment, summary and artifact. It comes from the image digest, never
 * from the reference: a reference holds {@code :} and {@code /}, which are not allowed in file
 * names on Windows agents, and may be any string an attacker chose.
 *
 * @param id "portcullis-" and 16 hex digits of the manifest digest (of the reference's SHA-256 when the digest is unknown)
 */
record ScanName(String id) {

    private static final int HEX_DIGITS = 16;

    static ScanName of(String imageDigest, String imageReference, Optional<String> taskInstance) {
        String hex = null;
        if (imageDigest != null) {
            String value = imageDigest.substring(imageDigest.indexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
            if (value.length() >= HEX_DIGITS && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                hex = value.substring(0, HEX_DIGITS);
            }
        }
        if (hex == null) {
            hex = sha256(String.valueOf(imageReference)).substring(0, HEX_DIGITS);
        }
        // Two steps of one job may scan the same image: the task instance keeps their artifacts apart.
        String suffix = taskInstance.map(ScanName::sha256).map(h -> "-" + h.substring(0, 8)).orElse("");
        return new ScanName("portcullis-" + hex + suffix);
    }

    String attachmentName() {
        return id + ".json";
    }

    String artifactName() {
        return id;
    }

    String summaryFileName() {
        return "Container scan " + id + ".md";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
