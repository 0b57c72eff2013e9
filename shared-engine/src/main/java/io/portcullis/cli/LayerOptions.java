package io.portcullis.cli;

import io.portcullis.layer.LayerLimits;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The per-layer cache and the limits that guard against decompression bombs. */
final class LayerOptions {

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Layer analysis cache (default: $PORTCULLIS_CACHE_DIR/layers or ~/.cache/portcullis/layers).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the layer analysis cache.")
    boolean noCache;

    @Option(names = "--max-layer-size", paramLabel = "SIZE", converter = ByteSize.class, description = "Most bytes one layer may decompress to (default: 16G).")
    Long maxLayerBytes;

    @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class, description = "Largest file handed to an analyzer (default: 512M).")
    Long maxFileBytes;

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
        return limits;
    }
}
