package io.portcullis.cli;

import io.portcullis.vulndb.Freshness;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

/** How old the vulnerability DB may be: one flag name and one duration syntax for every command that opens it. */
final class DbFreshnessOptions {

    @Option(names = "--db-max-age", paramLabel = "DURATION", description = "Warn when the DB is older than this (default: 7d). Forms: 7d, 12h, 30m.",
            converter = AgeOption.class)
    Duration maxAge = Freshness.DEFAULT_MAX_AGE;

    @Option(names = "--fail-on-stale-db", description = "Fail with exit code 3 instead of warning when the DB is older than --db-max-age.")
    boolean failOnStale;

    Freshness freshness(Clock clock) {
        return new Freshness(maxAge, failOnStale, clock);
    }
}
