package io.portcullis.vulndb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database build did.
 *
 * @param database the DB file written, or left as it was
 * @param rebuilt false when the DB was kept: every URL source answered "not modified", or the DB was younger
 *     than {@link VulnDbBuilder#keepIfYoungerThan} once the lock was held
 * @param info metadata of the DB now in place
 * @param accepted records stored, per OSV ecosystem (a record affecting two ecosystems counts in both)
 * @param rejections records left out, each with its reason
 * @param waitedForLock true when another build held the DB lock and this one waited for it
 * @param mavenIndexFromSources true when an OCI source carried a Maven checksum index, now installed beside the DB
 *     ({@link MavenChecksumIndex#besides}); {@code db update} then does not build one from Maven Central
 */
public record ImportReport(Path database, boolean rebuilt, DatabaseInfo info, Map<String, Integer> accepted,
                           List<Rejection> rejections, boolean waitedForLock, boolean mavenIndexFromSources) {
    public ImportReport {
        accepted = Map.copyOf(accepted);
        rejections = List.copyOf(rejections);
    }

    /** Rejections counted by reason, for a summary line. */
    public Map<RejectReason, Integer> rejectionCounts() {
        Map<RejectReason, Integer> counts = new TreeMap<>();
        rejections.forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }
}
