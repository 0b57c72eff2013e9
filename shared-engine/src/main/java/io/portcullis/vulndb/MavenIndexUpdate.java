package io.portcullis.vulndb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one refresh of the Maven checksum index did.
 *
 * @param index the index file
 * @param artifacts artifacts asked for
 * @param unchanged artifacts whose metadata answered "not modified" or listed no new version
 * @param newVersions versions looked up for the first time
 * @param failures artifacts that could not be fetched even after retries, one line each; they are
 *     tried again by the next update, and the rest of the index is still written
 * @param duration how long it took
 * @param counts what the index holds afterwards
 */
public record MavenIndexUpdate(Path index, int artifacts, int unchanged, int newVersions, List<String> failures,
                               Duration duration, MavenChecksumIndex.Counts counts) {
    public MavenIndexUpdate {
        failures = List.copyOf(failures);
    }
}
