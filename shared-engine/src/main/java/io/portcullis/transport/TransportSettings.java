package io.portcullis.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine's HTTP clients talk to servers (registries, OSV downloads, Maven repositories):
 * timeouts, retries, the proxy and the limits on slow transfers. Credentials are not part of it:
 * they belong to one server each and travel separately.
 *
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed between two reads of a response
 * @param retryPolicy how failed idempotent requests are retried
 * @param proxy the proxy, or null to connect directly (the JVM's proxy properties are not consulted)
 * @param minTransferRate the fewest bytes per second a response body must average over {@code rateWindow}; 0 for no floor
 * @param rateWindow the window the transfer rate is averaged over
 * @param transferDeadline the longest one request may take, from sending it to the last byte of its response
 */
public record TransportSettings(Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy, HttpProxy proxy,
                                long minTransferRate, Duration rateWindow, Duration transferDeadline) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** 1 KiB/s: a dial-up line passes; a server dribbling a byte a second does not. */
    public static final long DEFAULT_MIN_TRANSFER_RATE = 1024;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(30);
    /** An hour: a 10 GB layer at 3 MB/s still fits. */
    public static final Duration DEFAULT_TRANSFER_DEADLINE = Duration.ofHours(1);

    public TransportSettings {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (minTransferRate < 0) {
            throw new IllegalArgumentException("minTransferRate must be zero or more, was " + minTransferRate);
        }
        positive(rateWindow, "rateWindow");
        positive(transferDeadline, "transferDeadline");
    }

    /** Direct connections, 10 s connect and 60 s read timeouts, {@link RetryPolicy#DEFAULT}, 1 KiB/s over 30 s, 1 h per request. */
    public static TransportSettings defaults() {
        return new TransportSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, RetryPolicy.DEFAULT, null,
                DEFAULT_MIN_TRANSFER_RATE, DEFAULT_RATE_WINDOW, DEFAULT_TRANSFER_DEADLINE);
    }

    public TransportSettings withTimeouts(Duration connect, Duration read) {
        return new TransportSettings(connect, read, retryPolicy, proxy, minTransferRate, rateWindow, transferDeadline);
    }

    public TransportSettings withRetryPolicy(RetryPolicy policy) {
        return new TransportSettings(connectTimeout, readTimeout, policy, proxy, minTransferRate, rateWindow, transferDeadline);
    }

    public TransportSettings withProxy(HttpProxy value) {
        return new TransportSettings(connectTimeout, readTimeout, retryPolicy, value, minTransferRate, rateWindow, transferDeadline);
    }

    /** @param bytesPerSecond the floor, averaged over {@code window}; 0 for none */
    public TransportSettings withMinTransferRate(long bytesPerSecond, Duration window) {
        return new TransportSettings(connectTimeout, readTimeout, retryPolicy, proxy, bytesPerSecond, window, transferDeadline);
    }

    public TransportSettings withTransferDeadline(Duration deadline) {
        return new TransportSettings(connectTimeout, readTimeout, retryPolicy, proxy, minTransferRate, rateWindow, deadline);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** The proxy's own {@code toString} hides its password. */
    @Override
    public String toString() {
        return "TransportSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", retryPolicy=" + retryPolicy
                + ", proxy=" + proxy + ", minTransferRate=" + minTransferRate + "/s over " + rateWindow
                + ", transferDeadline=" + transferDeadline + "]";
    }
}
