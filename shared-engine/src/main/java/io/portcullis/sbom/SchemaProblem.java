package io.portcullis.sbom;

import java.util.Objects;

/**
 * One thing an SBOM's official JSON schema rejects.
 *
 * @param pointer where, as a JSON pointer into the document ("/components/1/type"; "" for the root)
 * @param message what the validator said, without its own location prefix, cut to {@link #MAX_MESSAGE} characters
 *     (an enumeration of every SPDX licence id would otherwise run to pages)
 */
public record SchemaProblem(String pointer, String message) {
    static final int MAX_MESSAGE = 300;

    public SchemaProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
