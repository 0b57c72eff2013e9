package io.portcullis.match;

import io.portcullis.inventory.Package;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One vulnerability affecting one package. Aliases of the same vulnerability are merged into one finding.
 *
 * @param vulnerabilityId the primary id (the advisory id: DSA-..., GHSA-..., GO-..., ALPINE-CVE-...)
 * @param aliases other ids for the same vulnerability (CVE ids, upstream ids), without the primary id
 * @param pkg the affected package as inventoried (binary package for OS packages)
 * @param severity the effective severity
 * @param severitySource where the severity came from ("CVSS_V3.1 (DSA-1234)", "GHSA database_specific", "none")
 * @param cvssScore base score of the vector used, or null
 * @param cvssVector the vector used, or null
 * @param fixedVersions versions that fix it in the package's ecosystem; empty when no fix exists
 * @param summary one-line summary, may be null
 * @param references advisory URLs
 * @param published when the vulnerability was first published (the earliest {@code published} of its records), or
 *     null when no record says: the age PCI DSS 6.2 judges against the patch grace period
 */
public record Finding(
        String vulnerabilityId,
        List<String> aliases,
        Package pkg,
        Severity severity,
        String severitySource,
        Double cvssScore,
        String cvssVector,
        List<String> fixedVersions,
        String summary,
        List<String> references,
        Instant published) {

    /** A finding whose records carry no publication date. */
    public Finding(String vulnerabilityId, List<String> aliases, Package pkg, Severity severity, String severitySource,
                   Double cvssScore, String cvssVector, List<String> fixedVersions, String summary, List<String> references) {
        this(vulnerabilityId, aliases, pkg, severity, severitySource, cvssScore, cvssVector, fixedVersions, summary, references, null);
    }

    public Finding {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(severity, "severity");
        aliases = List.copyOf(aliases);
        fixedVersions = List.copyOf(fixedVersions);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** True when a fixed version exists ("fixed"); false means "affected, no fix yet". */
    public boolean hasFix() {
        return !fixedVersions.isEmpty();
    }
}
