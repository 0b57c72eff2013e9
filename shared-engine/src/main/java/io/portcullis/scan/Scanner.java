package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.config.ConfigChecks;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSources;
import io.portcullis.inventory.Inventory;
import io.portcullis.match.Finding;
import io.portcullis.match.MatchResult;
import io.portcullis.match.Matcher;
import io.portcullis.vulndb.VulnDb;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The engine's front door: a {@link ScanRequest} in, a {@link ScanResult} out. */
public final class Scanner {

    private final Clock clock;

    public Scanner(Clock clock) {
        this.clock = clock;
    }

    public static Scanner create() {
        return new Scanner(Clock.systemUTC());
    }

    /** Opens the image, inventories it layer by layer and closes it again; no vulnerability matching. */
    public ScanResult inventory(ScanRequest request) {
        Instant started = clock.instant();
        InventoriedImage image = inventoryOf(request);
        return new ScanResult(image.metadata(), image.inventory(), List.of(), null, started, Duration.between(started, clock.instant()));
    }

    /**
     * Inventories the image, matches it against the vulnerability DB when the scan type asks for
     * vulnerabilities ({@code db} may be null otherwise) and runs the configuration and secret
     * checks it asks for. Matching warnings join the inventory's.
     */
    public ScanResult scan(ScanRequest request, VulnDb db) {
        Instant started = clock.instant();
        InventoriedImage image = inventoryOf(request);
        List<Finding> findings = List.of();
        List<String> warnings = new ArrayList<>(image.inventory().warnings());
        if (request.scanType().matchesVulnerabilities()) {
            MatchResult matched = new Matcher().run(image.inventory(), db);
            findings = matched.findings();
            warnings.addAll(matched.warnings());
        }
        List<CheckFinding> checks = new ArrayList<>();
        if (request.scanType().runs(CheckKind.CONFIG)) {
            checks.addAll(ConfigChecks.check(image.metadata()));
        }
        Inventory inventory = new Inventory(image.inventory().os(), image.inventory().packages(), warnings);
        return new ScanResult(image.metadata(), inventory, findings, db == null ? null : db.info(), started,
                Duration.between(started, clock.instant()), checks);
    }

    private static InventoriedImage inventoryOf(ScanRequest request) {
        try (Image image = ImageSources.open(request.image(), request.source())) {
            Inventory inventory = new InventoryScanner(request.analyzers(), request.cache(), request.limits()).scan(image);
            return new InventoriedImage(image.metadata(), inventory);
        } catch (IOException e) {
            throw new InputException("cannot read image " + request.image() + ": " + e.getMessage(), e);
        }
    }

    private record InventoriedImage(ImageMetadata metadata, Inventory inventory) {
    }
}
