package io.portcullis.image;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** An image read from local storage; closing it releases {@code resource} (an archive's temp file, open channels). */
public record LocalImage(ImageMetadata metadata, List<Layer> layers, Closeable resource) implements Image {

    public LocalImage {
        layers = List.copyOf(layers);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
