package io.portcullis.version;

/** A version string that its ecosystem's scheme cannot parse. Matching counts and reports these instead of guessing. */
public class InvalidVersionException extends RuntimeException {
    public InvalidVersionException(String scheme, String version, String reason) {
        super("invalid " + scheme + " version '" + version + "': " + reason);
    }
}
