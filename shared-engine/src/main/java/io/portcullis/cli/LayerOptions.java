package io.portcullis.cli;

import io.portcullis.layer.LayerLimits;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The per-layer cache and the limits that guard against decompression bombs and archive fan-out. */
final class LayerOptions {

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Layer analysis cache (default: $PORTCULLIS_CACHE_DIR/layers or ~/.cache/portcullis/layers).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the layer analysis cache.")
    boolean noCache;

    @Option(names = "--max-layer-size", paramLabel = "SIZE", converter = ByteSize.class, description = "Most bytes one layer may decompress to (default: 16G).")
    Long maxLayerBytes;

    @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class, description = "Largest file handed to an analyzer (default: 512M).")
    Long maxFileBytes;

    @Option(names = "--max-nested-archives", paramLabel = "N", converter = PositiveCount.class, description = "Most archives read inside one archive, at all depths (default: 10000).")
    Integer maxNestedArchivesPerFile;

    @Option(names = "--max-nested-archives-per-layer", paramLabel = "N", converter = PositiveCount.class, description = "Most nested archives read in one layer, across all its files (default: 100000).")
    Integer maxNestedArchivesPerLayer;

    /** The cache directory, or null with --no-cache. */
    Path cacheDirectory(CliContext context) {
        if (noCache) {
            return null;
        }
        return cacheDir != null ? cacheDir : context.defaultLayerCache();
    }

    LayerLimits limits() {
        LayerLimits limits = LayerLimits.DEFAULT;
        if (maxLayerBytes != null) {
            limits = limits.withMaxLayerBytes(maxLayerBytes);
        }
        if (maxFileBytes != null) {
            limits = limits.withMaxFileBytes(maxFileBytes);
        }
        if (maxNestedArchivesPerFile != null) {
            limits = limits.withMaxNestedArchivesPerFile(maxNestedArchivesPerFile);
        }
        if (maxNestedArchivesPerLayer != null) {
            limits = limits.withMaxNestedArchivesPerLayer(maxNestedArchivesPerLayer);
        }
        return limits;
    }
}
