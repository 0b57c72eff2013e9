package io.portcullis.inventory.golang;

/** The file is not an ELF executable built by Go 1.18 or later; nothing to report. */
final class NotGoBinaryException extends Exception {
    NotGoBinaryException(String reason) {
        super(reason, null, false, false);
    }
}
