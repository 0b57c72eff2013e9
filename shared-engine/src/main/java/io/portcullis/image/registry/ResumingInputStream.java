package io.portcullis.image.registry;

import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransferStalledException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * A blob download that survives broken connections: when a read fails, the rest of the blob is
 * requested from the current position (an HTTP Range request) and reading carries on, up to the
 * retry policy's number of tries. Blobs are content addressed, so the rest is the same content;
 * the digest check around this stream vouches for that. A stalled transfer is not resumed: the
 * transfer limits bound the whole download.
 */
final class ResumingInputStream extends InputStream {

    /** Opens the blob from a byte offset. */
    interface Reopener {
        InputStream openAt(long offset) throws IOException;
    }

    private final Reopener reopener;
    private final RetryPolicy policy;
    private final RegistryTransport transport;
    private final String registry;
    private final String what;
    private InputStream current;
    private long position;
    private int failures;

    /**
     * @param registry the registry the blob comes from, and {@code what} the blob, for the error of a stalled transfer
     */
    ResumingInputStream(InputStream first, Reopener reopener, RetryPolicy policy, RegistryTransport transport, String registry, String what) {
        this.current = first;
        this.registry = registry;
        this.what = what;
        this.reopener = reopener;
        this.policy = policy;
        this.transport = transport;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                if (current == null) {
                    current = reopener.openAt(position);
                }
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (TransferStalledException e) {
                throw RegistryTransport.stalled(registry, what, e);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw e;
                }
                failures++;
                if (failures >= policy.maxAttempts()) {
                    throw e;
                }
                closeQuietly();
                transport.pause(policy.delayAfter(failures, null));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }

    private void closeQuietly() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException alreadyBroken) {
            // The connection is being replaced because it failed; its close may fail too.
        }
        current = null;
    }
}
