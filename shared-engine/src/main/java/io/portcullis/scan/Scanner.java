package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageSources;
import io.portcullis.inventory.Inventory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** Opens the image, inventories it layer by layer and closes it again. */
    public ScanResult inventory(ScanRequest request) {
        Instant started = clock.instant();
        try (Image image = ImageSources.open(request.image(), request.source())) {
            Inventory inventory = new InventoryScanner(request.analyzers(), request.cache(), request.limits()).scan(image);
            return new ScanResult(image.metadata(), inventory, List.of(), null, started, Duration.between(started, clock.instant()));
        } catch (IOException e) {
            throw new InputException("cannot read image " + request.image() + ": " + e.getMessage(), e);
        }
    }
}
