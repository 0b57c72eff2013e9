package io.portcullis.inventory.golang;

/** The file looks like a Go binary but its headers or build info are cut short or inconsistent. */
final class MalformedBinaryException extends Exception {
    MalformedBinaryException(String message) {
        super(message);
    }
}
