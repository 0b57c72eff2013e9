package io.portcullis.image.oci;

import io.portcullis.image.BlobPath;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Layer;
import io.portcullis.image.DigestVerifyingInputStream;

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
        String path = BlobPath.of(descriptor.digest());
        return new DigestVerifyingInputStream(store.open(path), descriptor.digest(), descriptor.size(), store.name() + " (" + path + ")");
    }
}
