package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Like the real (deprecated) one, this gives the plain text: printing a Secret leaks it. */
    @Override
    public String toString() {
        return value;
    }

    public String getPlainText() {
        return value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }
}
