package io.portcullis.vulndb;

import java.util.Objects;

/** One event of an OSV range: {@code {"fixed": "1.2.3"}} is {@code new OsvEvent(Kind.FIXED, "1.2.3")}. */
public record OsvEvent(Kind kind, String version) {

    public enum Kind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public OsvEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }

    /** {@code introduced: "0"} means "from the very first version" and sorts before every real version. */
    public boolean isIntroducedZero() {
        return kind == Kind.INTRODUCED && version.equals("0");
    }
}
