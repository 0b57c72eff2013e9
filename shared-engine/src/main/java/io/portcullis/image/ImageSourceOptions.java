package io.portcullis.image;

import io.portcullis.transport.TransportSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * How to open an image, whatever its source. Registry credentials are not part of it: the caller
 * passes them beside it ({@code ImageSources.open}), each for its own registry.
 *
 * @param platform the platform to pick from a multi-platform index; null means linux/amd64.
 *                 Single-platform images are used as they are.
 * @param tempDir where a compressed archive is decompressed for random access; needed to open one
 *                (the engine sets the scan's temp directory; nothing falls back to java.io.tmpdir)
 * @param maxDecompressedBytes cap on the bytes a compressed archive may decompress to (bomb guard)
 * @param insecureRegistries registry hosts (host[:port]) reached over plain HTTP or unverified TLS
 * @param caFile extra PEM CA certificates to trust for registries, or null
 * @param transport timeouts, retries, proxy and transfer limits for registry requests
 */
public record ImageSourceOptions(
        Platform platform,
        Path tempDir,
        long maxDecompressedBytes,
        Set<String> insecureRegistries,
        Path caFile,
        TransportSettings transport) {

    /** 16 GiB: above the largest images seen in practice, far below a disk-filling bomb. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 16L * 1024 * 1024 * 1024;

    public ImageSourceOptions {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        Objects.requireNonNull(transport, "transport");
    }

    public static ImageSourceOptions defaults() {
        return new ImageSourceOptions(null, null, DEFAULT_MAX_DECOMPRESSED_BYTES, Set.of(), null, TransportSettings.defaults());
    }

    /** The platform to select from an index: the requested one, else linux/amd64. */
    public Platform effectivePlatform() {
        return platform == null ? Platform.LINUX_AMD64 : platform;
    }

    public ImageSourceOptions withPlatform(Platform value) {
        return new ImageSourceOptions(value, tempDir, maxDecompressedBytes, insecureRegistries, caFile, transport);
    }

    public ImageSourceOptions withTempDir(Path value) {
        return new ImageSourceOptions(platform, value, maxDecompressedBytes, insecureRegistries, caFile, transport);
    }

    public ImageSourceOptions withMaxDecompressedBytes(long value) {
        return new ImageSourceOptions(platform, tempDir, value, insecureRegistries, caFile, transport);
    }

    public ImageSourceOptions withInsecureRegistries(Set<String> value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, value, caFile, transport);
    }

    public ImageSourceOptions withCaFile(Path value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, insecureRegistries, value, transport);
    }

    public ImageSourceOptions withTransport(TransportSettings value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, insecureRegistries, caFile, value);
    }
}
