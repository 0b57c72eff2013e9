package io.portcullis.vulndb;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How old a DB may be before opening it warns, or fails.
 *
 * @param maxAge age past which the DB is stale
 * @param failWhenStale true to refuse a stale DB (InputException) instead of warning
 * @param clock the clock "now" is read from
 */
public record Freshness(Duration maxAge, boolean failWhenStale, Clock clock) {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public Freshness {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clock, "clock");
    }

    /** Warn past seven days, never fail. */
    public static Freshness lenient() {
        return new Freshness(DEFAULT_MAX_AGE, false, Clock.systemUTC());
    }
}
