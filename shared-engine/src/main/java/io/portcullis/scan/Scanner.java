package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.identify.JarIdentifier;
import io.portcullis.identify.MavenCatalog;
import io.portcullis.image.ImageSources;
import io.portcullis.inventory.Inventory;
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
        InventoriedImage image = inventoryOf(request, MavenCatalog.empty());
        return new ScanResult(image.metadata(), image.inventory(), List.of(), null, started, Duration.between(started, clock.instant()));
    }

    /** Inventories the image and matches it against the vulnerability DB. Matching warnings join the inventory's. */
    public ScanResult scan(ScanRequest request, VulnDb db) {
        Instant started = clock.instant();
        InventoriedImage image = inventoryOf(request, MavenCatalog.of(db));
        MatchResult matched = new Matcher().run(image.inventory(), db);
        List<String> warnings = new ArrayList<>(image.inventory().warnings());
        warnings.addAll(matched.warnings());
        Inventory inventory = new Inventory(image.inventory().os(), image.inventory().packages(), warnings);
        return new ScanResult(image.metadata(), inventory, matched.findings(), db.info(), started,
                Duration.between(started, clock.instant()));
    }

    /** Jars without pom.properties are identified against {@code catalog} once the layers are merged. */
    private static InventoriedImage inventoryOf(ScanRequest request, MavenCatalog catalog) {
        try (Image image = ImageSources.open(request.image(), request.source())) {
            Inventory merged = new InventoryScanner(request.analyzers(), request.cache(), request.limits()).scan(image);
            Inventory inventory = new JarIdentifier(catalog).identify(merged);
            return new InventoriedImage(image.metadata(), inventory);
        } catch (IOException e) {
            throw new InputException("cannot read image " + request.image() + ": " + e.getMessage(), e);
        }
    }

    private record InventoriedImage(ImageMetadata metadata, Inventory inventory) {
    }
}
