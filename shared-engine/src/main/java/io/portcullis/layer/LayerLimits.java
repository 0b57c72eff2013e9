package io.portcullis.layer;

import io.portcullis.inventory.analyzer.NestedArchiveBudget;

/**
 * Bounds on what reading one layer may cost, so a hostile image cannot exhaust memory or disk.
 *
 * @param maxLayerBytes most bytes a layer may decompress to; beyond it the layer is rejected as a decompression bomb
 * @param maxFileBytes largest file that may be handed to analyzers; a bigger file an analyzer asked for rejects the layer
 * @param inMemoryFileBytes a file wanted by several analyzers is buffered once: in memory up to this size, in a temp file beyond
 * @param maxNestedArchivesPerFile most archives opened inside one top-level archive, at all depths; past it the rest
 *        of that archive is not read (a warning names it)
 * @param maxNestedArchivesPerLayer most nested archives opened in one layer, across all its files; past it no further
 *        nested archive of the layer is opened (a warning names the layer and the file)
 */
public record LayerLimits(long maxLayerBytes, long maxFileBytes, int inMemoryFileBytes,
                          int maxNestedArchivesPerFile, int maxNestedArchivesPerLayer) {

    public static final LayerLimits DEFAULT = new LayerLimits(16L << 30, 512L << 20, 8 << 20,
            NestedArchiveBudget.DEFAULT_PER_FILE, NestedArchiveBudget.DEFAULT_PER_LAYER);

    public LayerLimits {
        if (maxLayerBytes <= 0 || maxFileBytes <= 0 || inMemoryFileBytes < 0
                || maxNestedArchivesPerFile <= 0 || maxNestedArchivesPerLayer <= 0) {
            throw new IllegalArgumentException("layer limits must be positive: " + maxLayerBytes + ", " + maxFileBytes + ", "
                    + inMemoryFileBytes + ", " + maxNestedArchivesPerFile + ", " + maxNestedArchivesPerLayer);
        }
    }

    public LayerLimits withMaxLayerBytes(long bytes) {
        return new LayerLimits(bytes, maxFileBytes, inMemoryFileBytes, maxNestedArchivesPerFile, maxNestedArchivesPerLayer);
    }

    public LayerLimits withMaxFileBytes(long bytes) {
        return new LayerLimits(maxLayerBytes, bytes, inMemoryFileBytes, maxNestedArchivesPerFile, maxNestedArchivesPerLayer);
    }

    public LayerLimits withInMemoryFileBytes(int bytes) {
        return new LayerLimits(maxLayerBytes, maxFileBytes, bytes, maxNestedArchivesPerFile, maxNestedArchivesPerLayer);
    }

    public LayerLimits withMaxNestedArchivesPerFile(int archives) {
        return new LayerLimits(maxLayerBytes, maxFileBytes, inMemoryFileBytes, archives, maxNestedArchivesPerLayer);
    }

    public LayerLimits withMaxNestedArchivesPerLayer(int archives) {
        return new LayerLimits(maxLayerBytes, maxFileBytes, inMemoryFileBytes, maxNestedArchivesPerFile, archives);
    }

    /** A fresh count for one layer walk; {@code layer} is how its warnings name the layer. */
    NestedArchiveBudget nestedArchiveBudget(String layer) {
        return new NestedArchiveBudget(layer, maxNestedArchivesPerFile, maxNestedArchivesPerLayer);
    }

    /**
     * The limits that change what a layer's analysis contains (the byte limits only reject a layer), so a layer
     * cached under other caps is read again: part of the layer cache key.
     */
    String resultShapingKey() {
        return "nested-archives:" + maxNestedArchivesPerFile + "/" + maxNestedArchivesPerLayer;
    }
}
