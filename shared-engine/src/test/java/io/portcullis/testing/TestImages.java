package io.portcullis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Real images built without a Docker engine, for tests that need image content to compare against.
 */
public final class TestImages {

    /**
     * A Debian bookworm minbase image made by {@code shared-engine/src/test/scripts/build-debian-image.sh}.
     *
     * @param rootfs the debootstrapped filesystem: the reference for what the image contains
     * @param layerTar that filesystem as the uncompressed tar the image's one layer was made from
     * @param ociLayout an OCI layout with tags "bookworm" (linux/amd64), "arm64" (a one-file linux/arm64
     *                  image) and "multiarch" (an index of the two)
     */
    public record DebianImage(Path rootfs, Path layerTar, Path ociLayout) {
    }

    private static final Path SCRIPT = Path.of("shared-engine/src/test/scripts/build-debian-image.sh");
    /** Inside target/, so "mvn clean" forgets it but later runs in the same checkout reuse it. */
    private static final Path DEBIAN_DIR = Path.of("shared-engine/target/test-images/debian-bookworm");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private static DebianImage debian;

    private TestImages() {
    }

    /** Builds the Debian image on first use (debootstrap, a few minutes; needs root and the Debian mirror), then reuses it. */
    public static synchronized DebianImage debian() {
        if (debian == null) {
            if (!Files.isRegularFile(SCRIPT)) {
                throw new AssertionError(SCRIPT + " not found; tests must run with the project root as working directory");
            }
            ExternalCommand.run(BUILD_TIMEOUT, "bash", SCRIPT.toString(), DEBIAN_DIR.toString());
            debian = new DebianImage(DEBIAN_DIR.resolve("rootfs"), DEBIAN_DIR.resolve("layer.tar"), DEBIAN_DIR.resolve("oci"));
        }
        return debian;
    }

    /**
     * A one-layer linux/amd64 OCI image in a new layout under {@code dir}, tagged "small", whose only
     * file {@code marker} holds {@code content}: distinct content gives distinct blobs, so a test may
     * damage them in a registry's storage without touching other tests' images.
     */
    public static Path small(Path dir, String content) {
        try {
            Path layout = dir.resolve("layout");
            Path files = Files.createDirectories(dir.resolve("files"));
            Files.writeString(files.resolve("marker"), content);
            Path tar = dir.resolve("layer.tar");
            ExternalCommand.run(Duration.ofMinutes(1), "tar", "--create", "--file", tar.toString(),
                    "--directory", files.toString(), "--numeric-owner", ".");
            ExternalCommand.run(Duration.ofMinutes(1), "umoci", "init", "--layout", layout.toString());
            ExternalCommand.run(Duration.ofMinutes(1), "umoci", "new", "--image", layout + ":small");
            ExternalCommand.run(Duration.ofMinutes(1), "umoci", "config", "--image", layout + ":small",
                    "--os", "linux", "--architecture", "amd64");
            ExternalCommand.run(Duration.ofMinutes(1), "umoci", "raw", "add-layer", "--image", layout + ":small", tar.toString());
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
