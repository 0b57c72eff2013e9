package io.portcullis.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A password or token. Held as characters, never shown: {@link #toString()} is {@code ****}, so a
 * secret that ends up in a log line, an exception message or a debugger view reveals nothing.
 */
public final class Secret {

    private final char[] chars;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Copies {@code chars}; the caller may wipe its array afterwards. */
    public static Secret of(char[] chars) {
        return new Secret(Objects.requireNonNull(chars, "chars").clone());
    }

    public static Secret of(String s) {
        return new Secret(Objects.requireNonNull(s, "secret").toCharArray());
    }

    /** A copy of the characters; wipe it when done. */
    public char[] chars() {
        return chars.clone();
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && Arrays.equals(chars, other.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "****";
    }
}
