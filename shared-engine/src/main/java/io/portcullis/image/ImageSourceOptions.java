package io.portcullis.image;

import io.portcullis.image.registry.RegistryCredentials;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to open an image, whatever its source.
 *
 * @param platform the platform to pick from a multi-platform index; null means linux/amd64.
 *                 Single-platform images are used as they are.
 * @param tempDir where a compressed archive is decompressed for random access; needed to open one
 *                (the engine sets the scan's temp directory; nothing falls back to java.io.tmpdir)
 * @param maxDecompressedBytes cap on the bytes a compressed archive may decompress to (bomb guard)
 * @param username registry user, or null
 * @param password registry password or token, or null; never printed
 * @param dockerConfig a Docker config.json to read registry credentials from, or null for the default lookup
 * @param insecureRegistries registry hosts (host[:port]) reached over plain HTTP or unverified TLS
 * @param caFile extra PEM CA certificates to trust for registries, or null
 * @param credentials the only registry credentials to use, or null for the command line's lookup of
 *     {@code username}/{@code password}, the environment and the Docker config
 */
public record ImageSourceOptions(
        Platform platform,
        Path tempDir,
        long maxDecompressedBytes,
        String username,
        String password,
        Path dockerConfig,
        Set<String> insecureRegistries,
        Path caFile,
        RegistryCredentials credentials) {

    /** 16 GiB: above the largest images seen in practice, far below a disk-filling bomb. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 16L * 1024 * 1024 * 1024;

    public ImageSourceOptions {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
        }
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
    }

    public static ImageSourceOptions defaults() {
        return new ImageSourceOptions(null, null, DEFAULT_MAX_DECOMPRESSED_BYTES, null, null, null, Set.of(), null, null);
    }

    /** The platform to select from an index: the requested one, else linux/amd64. */
    public Platform effectivePlatform() {
        return platform == null ? Platform.LINUX_AMD64 : platform;
    }

    public ImageSourceOptions withPlatform(Platform value) {
        return new ImageSourceOptions(value, tempDir, maxDecompressedBytes, username, password, dockerConfig, insecureRegistries, caFile, credentials);
    }

    public ImageSourceOptions withTempDir(Path value) {
        return new ImageSourceOptions(platform, value, maxDecompressedBytes, username, password, dockerConfig, insecureRegistries, caFile, credentials);
    }

    public ImageSourceOptions withMaxDecompressedBytes(long value) {
        return new ImageSourceOptions(platform, tempDir, value, username, password, dockerConfig, insecureRegistries, caFile, credentials);
    }

    public ImageSourceOptions withCredentials(String user, String secret) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, user, secret, dockerConfig, insecureRegistries, caFile, credentials);
    }

    public ImageSourceOptions withDockerConfig(Path value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, username, password, value, insecureRegistries, caFile, credentials);
    }

    public ImageSourceOptions withInsecureRegistries(Set<String> value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, username, password, dockerConfig, value, caFile, credentials);
    }

    public ImageSourceOptions withCaFile(Path value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, username, password, dockerConfig, insecureRegistries, value, credentials);
    }

    /** Exactly these credentials, and no lookup in the environment or a Docker config. */
    public ImageSourceOptions withExplicitCredentials(RegistryCredentials value) {
        return new ImageSourceOptions(platform, tempDir, maxDecompressedBytes, null, null, null, insecureRegistries, caFile, value);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ImageSourceOptions[platform=" + platform + ", tempDir=" + tempDir + ", maxDecompressedBytes=" + maxDecompressedBytes
                + ", username=" + username + ", password=" + (password == null ? "null" : "***") + ", dockerConfig=" + dockerConfig
                + ", insecureRegistries=" + insecureRegistries + ", caFile=" + caFile + "]";
    }
}
