package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.analyzer.Analyzer;
import io.portcullis.image.Image;
import io.portcullis.image.Layer;
import io.portcullis.inventory.Inventory;
import io.portcullis.layer.LayerAnalysis;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.LayerMerger;
import io.portcullis.layer.LayerWalker;

import java.util.List;
import java.util.Objects;

/**
 * Finds what is installed in an image: each layer is taken from the cache or read once, bottom
 * layer first, and the results are merged into one {@link Inventory}. Knows nothing of the CLI;
 * thread-safe, so one scanner can serve several scans at once.
 */
public final class InventoryScanner {

    private final List<Analyzer> analyzers;
    private final LayerCache cache;
    private final LayerWalker walker;

    /**
     * @param analyzers every analyzer to run; their ids must be distinct
     * @param cache where per-layer results are kept, or {@link LayerCache#disabled()}
     * @param limits bounds on decompressed bytes per layer and per analysed file
     */
    public InventoryScanner(List<Analyzer> analyzers, LayerCache cache, LayerLimits limits) {
        this.analyzers = List.copyOf(analyzers);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.walker = new LayerWalker(this.analyzers, limits);
        long distinctIds = this.analyzers.stream().map(Analyzer::id).distinct().count();
        if (distinctIds != this.analyzers.size()) {
            throw new IllegalArgumentException("analyzer ids must be distinct: " + this.analyzers.stream().map(Analyzer::id).toList());
        }
    }

    /**
     * @throws InputException when a layer cannot be read, is not a tar, has entries escaping the
     *     image root, or breaks a limit; the message names the image and the layer
     */
    public Inventory scan(Image image) {
        String imageName = image.metadata().reference();
        LayerMerger merger = new LayerMerger();
        for (Layer layer : image.layers()) {
            merger.add(layer.diffId(), analysis(layer, imageName));
        }
        return merger.inventory();
    }

    private LayerAnalysis analysis(Layer layer, String imageName) {
        return cache.load(layer.diffId(), analyzers).orElseGet(() -> {
            LayerAnalysis analysis = walker.walk(layer, imageName);
            cache.store(layer.diffId(), analyzers, analysis);
            return analysis;
        });
    }
}
