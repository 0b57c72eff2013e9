package io.portcullis.image.registry;

import io.portcullis.transport.HttpClients;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry. The password is held as characters, not a
 * String, up to the Authorization header; {@link #toString()} never shows it.
 */
public final class Credentials {

    private final String username;
    private final char[] password;

    /** Copies {@code password}; the caller may wipe its array afterwards. */
    public Credentials(String username, char[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    /** For passwords that were text already (a Docker config file, an environment variable). */
    public Credentials(String username, String password) {
        this(username, Objects.requireNonNull(password, "password").toCharArray());
    }

    public String username() {
        return username;
    }

    /** A copy of the password, which the caller wipes. */
    public char[] passwordCopy() {
        return password.clone();
    }

    /** The value of an {@code Authorization: Basic} header. */
    String basicAuthorization() {
        return HttpClients.basic(username, password.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other && username.equals(other.username) && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
