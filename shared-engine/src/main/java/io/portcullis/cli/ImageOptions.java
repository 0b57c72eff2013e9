package io.portcullis.cli;

import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Platform;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** How to reach and open the image; shared by every command that reads one. */
final class ImageOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to pick from a multi-platform image (default: linux/amd64).")
    String platform;

    @Option(names = "--username", description = "Registry user name (the password comes from --password-stdin or PORTCULLIS_REGISTRY_PASSWORD).")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--docker-config", paramLabel = "FILE", description = "Docker config.json to take registry credentials from (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
    Path dockerConfig;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Registry reached over plain HTTP (repeatable).")
    List<String> insecureRegistries = List.of();

    @Option(names = "--registry-ca-file", paramLabel = "PEM", description = "Extra CA certificates to trust for registries.")
    Path caFile;

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where compressed archives are unpacked for random access (default: java.io.tmpdir).")
    Path tempDir;

    @Option(names = "--max-image-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Most bytes a compressed archive may decompress to (default: 16G).")
    Long maxImageBytes;

    ImageSourceOptions toSourceOptions(InputStream stdin) throws IOException {
        ImageSourceOptions options = ImageSourceOptions.defaults()
                .withInsecureRegistries(new LinkedHashSet<>(insecureRegistries));
        if (platform != null) {
            options = options.withPlatform(Platform.parse(platform));
        }
        if (username != null || passwordStdin) {
            String password = passwordStdin ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip()
                    : System.getenv("PORTCULLIS_REGISTRY_PASSWORD");
            options = options.withCredentials(username, password);
        }
        if (dockerConfig != null) {
            options = options.withDockerConfig(dockerConfig);
        }
        if (caFile != null) {
            options = options.withCaFile(caFile);
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
