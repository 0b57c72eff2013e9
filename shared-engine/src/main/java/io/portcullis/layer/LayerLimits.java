package io.portcullis.layer;

/**
 * Bounds on what reading one layer may cost, so a hostile image cannot exhaust memory or disk.
 *
 * @param maxLayerBytes most bytes a layer may decompress to; beyond it the layer is rejected as a decompression bomb
 * @param maxFileBytes largest file that may be handed to analyzers; a bigger file an analyzer asked for rejects the layer
 * @param inMemoryFileBytes a file wanted by several analyzers is buffered once: in memory up to this size, in a temp file beyond
 */
public record LayerLimits(long maxLayerBytes, long maxFileBytes, int inMemoryFileBytes) {

    public static final LayerLimits DEFAULT = new LayerLimits(16L << 30, 512L << 20, 8 << 20);

    public LayerLimits {
        if (maxLayerBytes <= 0 || maxFileBytes <= 0 || inMemoryFileBytes < 0) {
            throw new IllegalArgumentException("layer limits must be positive: " + maxLayerBytes + ", " + maxFileBytes + ", " + inMemoryFileBytes);
        }
    }

    public LayerLimits withMaxLayerBytes(long bytes) {
        return new LayerLimits(bytes, maxFileBytes, inMemoryFileBytes);
    }

    public LayerLimits withMaxFileBytes(long bytes) {
        return new LayerLimits(maxLayerBytes, bytes, inMemoryFileBytes);
    }

    public LayerLimits withInMemoryFileBytes(int bytes) {
        return new LayerLimits(maxLayerBytes, maxFileBytes, bytes);
    }
}
