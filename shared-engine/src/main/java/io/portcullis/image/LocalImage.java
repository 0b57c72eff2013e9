package io.portcullis.image;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An image read from local storage; closing it releases {@code resource} (an archive's temp file, open channels).
 *
 * @param tags the tagged manifests beside it (an OCI layout's other tags), or null when the source keeps none
 */
public record LocalImage(ImageMetadata metadata, List<Layer> layers, Closeable resource, TaggedArtifacts tags) implements Image {

    /** An image whose source keeps no other tagged manifests (a docker-archive, a root filesystem). */
    public LocalImage(ImageMetadata metadata, List<Layer> layers, Closeable resource) {
        this(metadata, layers, resource, null);
    }

    public LocalImage {
        layers = List.copyOf(layers);
    }

    @Override
    public Optional<TaggedArtifacts> taggedArtifacts() {
        return Optional.ofNullable(tags);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
