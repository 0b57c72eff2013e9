package io.portcullis.engine;

/**
 * The scanning thread was interrupted and the scan stopped. Not an {@link io.portcullis.InputException}:
 * nothing was wrong with the input, and a host reports it as "aborted", not as a failed scan. By the
 * time it is thrown, the scan's temp files and partial cache entries are gone and no report was written.
 */
public final class ScanCancelledException extends RuntimeException {

    public ScanCancelledException(String message) {
        super(message);
    }

    public ScanCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
