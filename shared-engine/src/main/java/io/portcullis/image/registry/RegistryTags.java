package io.portcullis.image.registry;

import io.portcullis.image.ImageReference;
import io.portcullis.image.TaggedArtifact;
import io.portcullis.image.TaggedArtifacts;

import java.io.IOException;
import java.util.Optional;

/**
 * The tags of the repository an image was pulled from, looked up with the same client: the same registry host,
 * so the same credentials and tokens, and never another host.
 */
final class RegistryTags implements TaggedArtifacts {

    private final RegistryClient client;
    private final ImageReference image;

    RegistryTags(RegistryClient client, ImageReference image) {
        this.client = client;
        this.image = image;
    }

    @Override
    public Optional<TaggedArtifact> find(String tag) throws IOException {
        return client.findTagged(new ImageReference(image.registry(), image.repository(), tag, null)).map(m -> m);
    }

    @Override
    public String location() {
        return image.registry() + "/" + image.repository();
    }
}
