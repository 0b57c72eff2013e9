package io.portcullis.scan;

import io.portcullis.InputException;
import io.portcullis.TempDirectory;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.image.Image;
import io.portcullis.image.Layer;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.npm.InstalledOverLockfile;
import io.portcullis.inventory.os.OsResolution;
import io.portcullis.layer.LayerAnalysis;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.LayerMerger;
import io.portcullis.layer.LayerWalker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds what is installed in an image: each layer is taken from the cache or read once, bottom
 * layer first, and the results are merged into one {@link Inventory}. Knows nothing of the CLI;
 * thread-safe, so one scanner can serve several scans at once.
 */
public final class InventoryScanner {

    private final List<Analyzer> analyzers;
    private final LayerCache cache;
    private final LayerLimits limits;
    private final LayerWalker walker;

    /**
     * @param analyzers every analyzer to run; their ids must be distinct
     * @param cache where per-layer results are kept, or {@link LayerCache#disabled()}
     * @param limits bounds on decompressed bytes per layer and per analysed file, and on nested archives
     * @param tempDirectory where every temp file of reading the layers goes
     */
    public InventoryScanner(List<Analyzer> analyzers, LayerCache cache, LayerLimits limits, TempDirectory tempDirectory) {
        this.analyzers = List.copyOf(analyzers);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.walker = new LayerWalker(this.analyzers, limits, tempDirectory);
        long distinctIds = this.analyzers.stream().map(Analyzer::id).distinct().count();
        if (distinctIds != this.analyzers.size()) {
            throw new IllegalArgumentException("analyzer ids must be distinct: " + this.analyzers.stream().map(Analyzer::id).toList());
        }
    }

    /** Told about each layer as it starts and once it is done, for progress output. */
    public interface LayerListener {
        /** @param index position of the layer, 0 for the bottom one */
        default void layerStarted(int index, int count, Layer layer) {
        }

        /**
         * @param fromCache true when the layer's analysis came from the cache and its blob was not opened
         * @param bytesRead bytes of the blob as stored that were read; 0 from the cache
         */
        default void layerFinished(int index, int count, Layer layer, boolean fromCache, long bytesRead, Duration took) {
        }
    }

    /**
     * @throws InputException when a layer cannot be read, is not a tar, has entries escaping the
     *     image root, does not match its diffID or breaks a limit; the message names the image and the layer
     */
    public Inventory scan(Image image) {
        return scan(image, new LayerListener() { });
    }

    /** As {@link #scan(Image)}, reporting each layer to {@code listener}. */
    public Inventory scan(Image image, LayerListener listener) {
        return scanContents(image, listener).inventory();
    }

    /** As {@link #scan(Image, LayerListener)}, with the secrets and setuid/setgid files the layers hold. */
    public ImageContents scanContents(Image image, LayerListener listener) {
        String imageName = image.metadata().reference();
        LayerMerger merger = new LayerMerger(OsResolution::resolve, InstalledOverLockfile::apply);
        List<Layer> layers = image.layers();
        List<String> layerWarnings = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            long started = System.nanoTime();
            listener.layerStarted(i, layers.size(), layer);
            Optional<LayerAnalysis> cached = cache.load(layer.diffId(), analyzers, limits, layerWarnings::add);
            CountingLayer counted = new CountingLayer(layer);
            LayerAnalysis analysis = cached.orElseGet(() -> walkAndStore(counted, imageName, layerWarnings));
            merger.add(layer.diffId(), analysis);
            listener.layerFinished(i, layers.size(), layer, cached.isPresent(), counted.bytesRead(), Duration.ofNanos(System.nanoTime() - started));
        }
        Inventory merged = merger.inventory();
        if (!layerWarnings.isEmpty()) {
            List<String> warnings = new ArrayList<>(merged.warnings());
            warnings.addAll(layerWarnings);
            merged = new Inventory(merged.os(), merged.packages(), warnings);
        }
        return new ImageContents(merged, merger.secrets(), merger.specialModeFiles());
    }

    private LayerAnalysis walkAndStore(Layer layer, String imageName, List<String> layerWarnings) {
        LayerAnalysis analysis = walker.walk(layer, imageName, layerWarnings::add);
        cache.store(layer.diffId(), analyzers, limits, analysis, layerWarnings::add);
        return analysis;
    }
}
