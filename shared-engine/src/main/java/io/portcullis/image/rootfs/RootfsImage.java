package io.portcullis.image.rootfs;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.LocalImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A plain directory (an unpacked root filesystem) scanned as an image of one layer. */
public final class RootfsImage {

    private RootfsImage() {
    }

    /**
     * Opens {@code directory}. The metadata has no digests, diff ids or tags; its platform is the
     * one requested in {@code options} (default linux/amd64), since a directory does not declare one.
     */
    public static Image open(Path directory, ImageSourceOptions options) {
        if (!Files.isDirectory(directory)) {
            throw new InputException(directory + ": not a directory");
        }
        if (!Files.isReadable(directory)) {
            throw new InputException(directory + ": directory is not readable");
        }
        ImageMetadata metadata = new ImageMetadata("rootfs:" + directory, null, null, options.effectivePlatform(),
                List.of(), List.of(), List.of());
        return new LocalImage(metadata, List.of(new RootfsLayer(directory)), () -> { });
    }
}
