package io.portcullis.image.oci;

import io.portcullis.image.Descriptor;
import io.portcullis.image.Layer;
import io.portcullis.image.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;

/** A layer blob of an OCI layout, verified against its descriptor's digest and size while it is read. */
record OciLayer(LayoutStore store, Descriptor descriptor, String diffId) implements Layer {

    @Override
    public String digest() {
        return descriptor.digest().toString();
    }

    @Override
    public String mediaType() {
        return descriptor.mediaType();
    }

    @Override
    public InputStream open() throws IOException {
        String path = descriptor.digest().layoutPath();
        return new VerifyingInputStream(store.open(path), descriptor.digest(), descriptor.size(), store.name() + " (" + path + ")");
    }
}
