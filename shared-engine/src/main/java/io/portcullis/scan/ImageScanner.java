package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.config.ConfigChecks;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.identify.JarIdentifier;
import io.portcullis.identify.MavenCatalog;
import io.portcullis.image.source.ImageSources;
import io.portcullis.inventory.Inventory;
import io.portcullis.match.Finding;
import io.portcullis.match.MatchResult;
import io.portcullis.match.Matcher;
import io.portcullis.signature.SignatureVerification;
import io.portcullis.signature.SignatureVerifier;
import io.portcullis.vulndb.VulnDb;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Opens the image of a {@link ScanRequest}, inventories it layer by layer and, for a vulnerability
 * scan, matches the inventory against the DB. Policy and reports are the engine's
 * ({@code io.portcullis.engine.ScanEngine}); this is the part below them. Thread-safe.
 */
public final class ImageScanner {

    /** Progress of one image scan, on the scanning thread. */
    public interface Progress extends InventoryScanner.LayerListener {
        default void imageOpened(ImageMetadata image, int layerCount) {
        }

        /** @param warnings what matching could not do (e.g. unknown version syntax), also in the result's inventory warnings */
        default void matchingDone(int findings, List<String> warnings, Duration took) {
        }
    }

    private static final Progress SILENT = new Progress() { };

    private final Clock clock;

    public ImageScanner(Clock clock) {
        this.clock = clock;
    }

    public static ImageScanner create() {
        return new ImageScanner(Clock.systemUTC());
    }

    /** Opens the image, inventories it layer by layer and closes it again; no vulnerability matching. */
    public ScanResult inventory(ScanRequest request) {
        return inventory(request, SILENT);
    }

    public ScanResult inventory(ScanRequest request, Progress progress) {
        Instant started = clock.instant();
        InventoriedImage image = inventoryOf(request, MavenCatalog.empty(), progress);
        return new ScanResult(image.metadata(), image.inventory(), List.of(), null, started, Duration.between(started, clock.instant()));
    }

    /**
     * Inventories the image, matches it against the vulnerability DB when the scan type asks for
     * vulnerabilities ({@code db} may be null otherwise) and runs the configuration and secret
     * checks it asks for. Matching warnings join the inventory's.
     */
    public ScanResult scan(ScanRequest request, VulnDb db) {
        return scan(request, db, SILENT);
    }

    public ScanResult scan(ScanRequest request, VulnDb db, Progress progress) {
        Instant started = clock.instant();
        InventoriedImage image = inventoryOf(request, db == null ? MavenCatalog.empty() : MavenCatalog.of(db), progress);
        List<Finding> findings = List.of();
        List<String> warnings = new ArrayList<>(image.inventory().warnings());
        if (request.matchVulnerabilities()) {
            long matchStarted = System.nanoTime();
            MatchResult matched = new Matcher().run(image.inventory(), db);
            progress.matchingDone(matched.findings().size(), matched.warnings(), Duration.ofNanos(System.nanoTime() - matchStarted));
            findings = matched.findings();
            warnings.addAll(matched.warnings());
        }
        List<CheckFinding> checks = new ArrayList<>();
        Set<CheckKind> checksRun = EnumSet.noneOf(CheckKind.class);
        LayerFileChecks fileChecks = new LayerFileChecks(image.metadata());
        if (request.checks().contains(CheckKind.CONFIG)) {
            checks.addAll(ConfigChecks.check(image.metadata()));
            checks.addAll(fileChecks.setuidFiles(image.contents().specialModeFiles()));
            checksRun.add(CheckKind.CONFIG);
        }
        if (request.checks().contains(CheckKind.SECRET)) {
            checks.addAll(fileChecks.secrets(image.contents().secrets(), request.secrets()));
            checksRun.add(CheckKind.SECRET);
        }
        Inventory inventory = new Inventory(image.inventory().os(), image.inventory().packages(), warnings);
        return new ScanResult(image.metadata(), inventory, findings, db == null ? null : db.info(), started,
                Duration.between(started, clock.instant()), checks, checksRun, image.signature());
    }

    /** Jars without pom.properties are identified against {@code catalog} once the layers are merged. */
    private static InventoriedImage inventoryOf(ScanRequest request, MavenCatalog catalog, Progress progress) {
        try (Image image = ImageSources.open(request.image(), request.source(), request.registryCredentials())) {
            progress.imageOpened(image.metadata(), image.layers().size());
            ImageContents contents = new InventoryScanner(request.layerAnalyzers(), request.cache(), request.limits(), request.tempDirectory())
                    .scanContents(image, progress);
            Inventory inventory = new JarIdentifier(catalog).identify(contents.inventory());
            // While the image is open: its signature tag is read through the same source and credentials.
            return new InventoriedImage(image.metadata(), inventory, contents, SignatureVerifier.verify(image, request.signatureKeys()));
        } catch (IOException e) {
            throw new InputException("cannot read image " + request.image() + ": " + e.getMessage(), e);
        }
    }

    private record InventoriedImage(ImageMetadata metadata, Inventory inventory, ImageContents contents, SignatureVerification signature) {
    }
}
