package io.portcullis;

/**
 * The user gave us something we cannot read: an image, an archive, a policy, a database file.
 * Front ends map it to exit code 3. The message must name the offending input and must never
 * contain a secret.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
