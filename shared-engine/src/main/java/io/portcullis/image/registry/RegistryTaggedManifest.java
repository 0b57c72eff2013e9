package io.portcullis.image.registry;

import io.portcullis.image.Descriptor;
import io.portcullis.image.Digest;
import io.portcullis.image.ImageManifest;
import io.portcullis.image.ImageReference;
import io.portcullis.image.TaggedArtifact;

import java.io.IOException;
import java.io.InputStream;

/** A manifest fetched from a tag of a scanned image's repository; its blobs stream through the same client, digest-verified. */
final class RegistryTaggedManifest implements TaggedArtifact {

    private final RegistryClient client;
    private final ImageReference reference;
    private final Digest digest;
    private final ImageManifest manifest;

    RegistryTaggedManifest(RegistryClient client, ImageReference reference, Digest digest, ImageManifest manifest) {
        this.client = client;
        this.reference = reference;
        this.digest = digest;
        this.manifest = manifest;
    }

    @Override
    public String tag() {
        return reference.tag();
    }

    @Override
    public Digest digest() {
        return digest;
    }

    @Override
    public ImageManifest manifest() {
        return manifest;
    }

    @Override
    public byte[] blob(Descriptor blob, int maxBytes) throws IOException {
        if (blob.size() > maxBytes) {
            throw new IOException("blob " + blob.digest() + " of " + reference + " is " + blob.size() + " bytes, more than the "
                    + maxBytes + " allowed");
        }
        try (InputStream in = client.openBlob(reference, blob, "blob " + blob.digest())) {
            return in.readAllBytes();
        }
    }
}
