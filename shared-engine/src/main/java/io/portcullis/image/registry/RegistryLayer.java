package io.portcullis.image.registry;

import io.portcullis.image.Descriptor;
import io.portcullis.image.ImageReference;
import io.portcullis.image.Layer;

import java.io.IOException;
import java.io.InputStream;

/** A layer blob in a registry, fetched each time it is opened. */
final class RegistryLayer implements Layer {

    private final RegistryClient client;
    private final ImageReference image;
    private final Descriptor blob;
    private final String diffId;

    RegistryLayer(RegistryClient client, ImageReference image, Descriptor blob, String diffId) {
        this.client = client;
        this.image = image;
        this.blob = blob;
        this.diffId = diffId;
    }

    @Override
    public String digest() {
        return blob.digest().toString();
    }

    @Override
    public String diffId() {
        return diffId;
    }

    @Override
    public String mediaType() {
        return blob.mediaType();
    }

    @Override
    public InputStream open() throws IOException {
        return client.openBlob(image, blob, "layer " + blob.digest());
    }

    @Override
    public String toString() {
        return "layer " + blob.digest() + " of " + image;
    }
}
