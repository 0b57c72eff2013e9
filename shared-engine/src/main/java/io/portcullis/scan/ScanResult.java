package io.portcullis.scan;

import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.match.Finding;
import io.portcullis.vulndb.DatabaseInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one scan found, before any policy is applied. Every finding is here; gating is separate.
 *
 * @param image identity of the scanned image
 * @param inventory what is installed
 * @param findings every vulnerability match, one per (package, vulnerability)
 * @param database the vulnerability DB used, or null for an inventory-only scan
 * @param startedAt when the scan began
 * @param duration how long it took
 * @param checkFindings misconfigurations and secrets, for the scan types that look for them
 * @param checksRun the kinds of check that ran: none found is only a pass for these
 */
public record ScanResult(
        ImageMetadata image,
        Inventory inventory,
        List<Finding> findings,
        DatabaseInfo database,
        Instant startedAt,
        Duration duration,
        List<CheckFinding> checkFindings,
        Set<CheckKind> checksRun) {

    /** A result with vulnerability findings only. */
    public ScanResult(ImageMetadata image, Inventory inventory, List<Finding> findings, DatabaseInfo database, Instant startedAt,
                      Duration duration) {
        this(image, inventory, findings, database, startedAt, duration, List.of(), Set.of());
    }

    public ScanResult {
        findings = List.copyOf(findings);
        checkFindings = List.copyOf(checkFindings);
        checksRun = Set.copyOf(checksRun);
    }
}
