package io.portcullis.inventory.java;

import java.io.IOException;

/** An archive inflates past the configured limits; reading it stops and the scan records a warning. */
final class ArchiveBombException extends IOException {
    ArchiveBombException(String message) {
        super(message);
    }
}
