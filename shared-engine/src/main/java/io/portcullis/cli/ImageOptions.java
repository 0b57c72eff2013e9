package io.portcullis.cli;

import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Platform;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;

/** How to reach and open the image; shared by every command that reads one. */
final class ImageOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to pick from a multi-platform image (default: linux/amd64).")
    String platform;

    @Mixin
    RegistryAccessOptions registry = new RegistryAccessOptions();

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where compressed archives are unpacked for random access (default: java.io.tmpdir).")
    Path tempDir;

    @Option(names = "--max-image-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Most bytes a compressed archive may decompress to (default: 16G).")
    Long maxImageBytes;

    ImageSourceOptions toSourceOptions(InputStream stdin) throws IOException {
        ImageSourceOptions options = ImageSourceOptions.defaults()
                .withInsecureRegistries(new LinkedHashSet<>(registry.insecureRegistries));
        if (platform != null) {
            options = options.withPlatform(Platform.parse(platform));
        }
        if (registry.explicitCredentials()) {
            options = options.withCredentials(registry.username, registry.password(stdin));
        }
        if (registry.dockerConfig != null) {
            options = options.withDockerConfig(registry.dockerConfig);
        }
        if (registry.caFile != null) {
            options = options.withCaFile(registry.caFile);
        }
        if (tempDir != null) {
            options = options.withTempDir(tempDir);
        }
        if (maxImageBytes != null) {
            options = options.withMaxDecompressedBytes(maxImageBytes);
        }
        return options;
    }
}
