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

    /**
     * The warning for a DB of this age, if it is stale.
     *
     * @throws io.portcullis.InputException when stale and {@link #failWhenStale}
     */
    public java.util.List<String> check(java.nio.file.Path file, DatabaseInfo info) {
        Duration age = Duration.between(info.builtAt(), clock.instant());
        if (age.compareTo(maxAge) <= 0) {
            return java.util.List.of();
        }
        String message = "vulnerability database " + file + " is " + describe(age) + " old (built "
                + info.builtAt() + ", limit " + describe(maxAge) + "); run 'portcullis db update'";
        if (failWhenStale) {
            throw new io.portcullis.InputException(message);
        }
        return java.util.List.of(message);
    }

    /** "3 days" from two days on, else "40 hours". */
    private static String describe(Duration duration) {
        long hours = duration.toHours();
        return hours >= 48 ? duration.toDays() + " days" : hours + " hours";
    }

    /** Warn past seven days, never fail. */
    public static Freshness lenient() {
        return new Freshness(DEFAULT_MAX_AGE, false, Clock.systemUTC());
    }
}
