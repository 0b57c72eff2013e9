package io.portcullis.transport;

import java.time.Duration;

/**
 * How often and how patiently a failed HTTP GET is tried again (on 429, 5xx and broken
 * connections). Delays double from {@code initialDelay} up to {@code maxDelay}; a server's
 * Retry-After is honoured up to {@code maxDelay}.
 *
 * @param maxAttempts total tries, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    /** {@code retries} tries after the first, with the default delays. */
    public static RetryPolicy retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be zero or more, was " + retries);
        }
        return new RetryPolicy(retries + 1, DEFAULT.initialDelay, DEFAULT.maxDelay);
    }

    /** The wait before try number {@code attempt + 1}, where {@code attempt} counts from 1. */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        Duration delay = initialDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
