package io.portcullis.image.registry;

import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageReference;
import io.portcullis.image.Layer;
import io.portcullis.image.TaggedArtifacts;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** An image in a registry whose manifest and config have been fetched and verified; layers stream on demand. */
public final class RegistryImage implements Image {

    private final ImageMetadata metadata;
    private final List<Layer> layers;
    private final RegistryClient ownedClient;
    private final RegistryTags tags;

    RegistryImage(ImageMetadata metadata, List<Layer> layers, RegistryClient ownedClient, RegistryTags tags) {
        this.metadata = metadata;
        this.layers = List.copyOf(layers);
        this.ownedClient = ownedClient;
        this.tags = tags;
    }

    /**
     * Opens one image with a client of its own, closed with the image. Scans of many images
     * should share a {@link RegistryClient} instead, so tokens and connections are reused.
     */
    public static RegistryImage open(ImageReference reference, RegistryOptions options) throws IOException {
        RegistryClient client = new RegistryClient(options);
        try {
            RegistryImage image = client.open(reference);
            return new RegistryImage(image.metadata, image.layers, client, image.tags);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    /** The other tags of the image's repository, read through the client (and credentials) that pulled the image. */
    @Override
    public Optional<TaggedArtifacts> taggedArtifacts() {
        return Optional.of(tags);
    }

    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
