package io.portcullis.cli;

import io.portcullis.engine.ScanSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** How to reach and open the image; shared by every command that reads one. */
final class ImageOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to pick from a multi-platform image (default: linux/amd64).")
    String platform;

    @Mixin
    RegistryAccessOptions registry = new RegistryAccessOptions();

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where every temp file of the scan goes (default: java.io.tmpdir).")
    Path tempDir;

    @Option(names = "--max-image-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Most bytes a compressed archive may decompress to (default: 16G).")
    Long maxImageBytes;

    /** --temp-dir, else the JVM's temp dir: the engine itself never picks one. */
    Path tempDirectory(CliContext context) {
        return tempDir != null ? tempDir : context.tempDirectory();
    }

    /** Sets the image source options on {@code spec}, with the command line's credential lookup for the scanned registry. */
    void applyTo(ScanSpec.Builder spec, String image, InputStream stdin, Map<String, String> environment, Path home) throws IOException {
        spec.platform(platform)
                .insecureRegistries(new LinkedHashSet<>(registry.insecureRegistries))
                .caFile(registry.caFile)
                .credentials(registry.credentials(CliCredentials.registryOf(image).map(List::of).orElse(List.of()), stdin, environment, home));
        registry.transport.applyTo(spec, environment);
        if (maxImageBytes != null) {
            spec.maxImageBytes(maxImageBytes);
        }
    }
}
