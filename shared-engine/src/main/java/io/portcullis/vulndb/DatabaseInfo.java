package io.portcullis.vulndb;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Metadata of the vulnerability database a scan used; reported with every result.
 *
 * @param schemaVersion version of the DB file layout
 * @param builtAt when the DB file was built
 * @param sources where its records came from (paths or URLs, never with credentials)
 * @param recordCounts records per OSV ecosystem name
 * @param checksum sha256 of the DB content as recorded at build time
 */
public record DatabaseInfo(int schemaVersion, Instant builtAt, List<String> sources, Map<String, Integer> recordCounts, String checksum) {
    public DatabaseInfo {
        sources = List.copyOf(sources);
        recordCounts = Map.copyOf(recordCounts);
    }
}
