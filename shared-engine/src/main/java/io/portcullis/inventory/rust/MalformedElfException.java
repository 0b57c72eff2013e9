package io.portcullis.inventory.rust;

/** The ELF headers are cut short, inconsistent, or point outside the file. */
final class MalformedElfException extends Exception {
    MalformedElfException(String message) {
        super(message);
    }
}
