package io.portcullis.vulndb;

import java.util.List;

/**
 * One {@code affected[]} entry of an OSV record, as the index returns it for a package.
 *
 * @param vulnerabilityId id of the record it belongs to
 * @param ecosystem the OSV ecosystem with suffix ({@code Debian:11})
 * @param packageName the package name as the record writes it
 * @param ranges its ranges
 * @param versions its explicit list of affected versions
 * @param severity per-package severity entries
 * @param severityLabel a severity word the entry's {@code ecosystem_specific}/{@code database_specific} gives
 *     ({@code severity}, {@code ubuntu_priority}), or null
 */
public record AffectedPackage(String vulnerabilityId, String ecosystem, String packageName, List<OsvRange> ranges,
                              List<String> versions, List<SeverityScore> severity, String severityLabel) {
    public AffectedPackage {
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
        severity = List.copyOf(severity);
    }
}
