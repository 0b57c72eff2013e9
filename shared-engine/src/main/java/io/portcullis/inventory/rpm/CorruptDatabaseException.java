package io.portcullis.inventory.rpm;

/** An rpm database or header whose bytes do not follow the format; the message says where. */
final class CorruptDatabaseException extends Exception {
    CorruptDatabaseException(String message) {
        super(message);
    }

    CorruptDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
