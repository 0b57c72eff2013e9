package io.portcullis.transport;

import java.io.IOException;

/**
 * A response that came too slowly: below the minimum transfer rate over a window, or not complete
 * within the transfer deadline. Not retried: the limits are the user's bound on the whole request.
 * The message says what was measured; the caller adds which server and which object stalled.
 */
public final class TransferStalledException extends IOException {

    public TransferStalledException(String message) {
        super(message);
    }
}
