package io.portcullis.transport;

import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Holds every response to the minimum transfer rate and the transfer deadline. The read timeout
 * alone cannot: a server that sends one byte just before each timeout would keep a request open
 * for ever. The rate is averaged over a window of waiting, so a short pause of an honest server is no failure.
 */
final class TransferLimits implements Interceptor {

    private final long minBytesPerSecond;
    private final long windowNanos;
    private final long deadlineNanos;
    private final Duration deadline;

    TransferLimits(TransportSettings settings) {
        this.minBytesPerSecond = settings.minTransferRate();
        this.windowNanos = settings.rateWindow().toNanos();
        this.deadlineNanos = settings.transferDeadline().toNanos();
        this.deadline = settings.transferDeadline();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        long started = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (InterruptedIOException e) {
            throw deadlineOr(e, started);
        }
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        BufferedSource watched = Okio.buffer(new Watched(body.source(), started));
        return response.newBuilder().body(ResponseBody.create(watched, body.contentType(), body.contentLength())).build();
    }

    /**
     * OkHttp's call timeout (set to the deadline) ends a request with a bare {@code InterruptedIOException("timeout")};
     * that is our deadline, not a cancellation, unless the thread itself was interrupted.
     */
    private IOException deadlineOr(InterruptedIOException e, long started) {
        // OkHttp starts the call timeout before this interceptor runs, so its "timeout" may come a little before our own clock's.
        boolean callTimedOut = "timeout".equals(e.getMessage()) || System.nanoTime() - started >= deadlineNanos;
        if (e instanceof SocketTimeoutException || Thread.currentThread().isInterrupted() || !callTimedOut) {
            return e;
        }
        // Not chained: the InterruptedIOException below would read as a cancellation to whoever walks the causes.
        return new TransferStalledException("not complete within the transfer deadline of " + describe(deadline));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Counts the bytes of one body against the window and the deadline as they are read. The rate is over the
     * time spent waiting for the server, not wall time: a consumer that pauses between reads (writing a temp
     * file, say) does not make the server look slow.
     */
    private final class Watched extends ForwardingSource {
        private final long started;
        private long windowWaited;
        private long windowBytes;

        Watched(okio.Source delegate, long started) {
            super(delegate);
            this.started = started;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long before = System.nanoTime();
            long n;
            try {
                n = super.read(sink, byteCount);
            } catch (InterruptedIOException e) {
                throw deadlineOr(e, started);
            }
            long now = System.nanoTime();
            if (now - started > deadlineNanos) {
                throw new TransferStalledException("not complete within the transfer deadline of " + describe(deadline));
            }
            if (n < 0) {
                return n;
            }
            windowWaited += now - before;
            windowBytes += n;
            if (windowWaited >= windowNanos) {
                double seconds = windowWaited / 1e9;
                if (minBytesPerSecond > 0 && windowBytes < minBytesPerSecond * seconds) {
                    throw new TransferStalledException(String.format(Locale.ROOT,
                            "%d bytes in the last %.1f s, below the minimum transfer rate of %d bytes/s", windowBytes, seconds, minBytesPerSecond));
                }
                windowWaited = 0;
                windowBytes = 0;
            }
            return n;
        }
    }
}
