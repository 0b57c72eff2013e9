package io.portcullis.image.registry;

import io.portcullis.image.Descriptor;
import io.portcullis.image.Digest;
import io.portcullis.image.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An OCI artifact (a manifest whose blobs are files rather than image layers, as ORAS pushes them) whose
 * manifest has been fetched and verified; its blobs are fetched, and verified, each time they are opened.
 */
public final class RegistryArtifact {

    /** One file of the artifact, as the manifest's {@code layers} describe it. */
    public record Blob(String mediaType, String digest, long size) {
    }

    private final RegistryClient client;
    private final ImageReference reference;
    private final String digest;
    private final String configMediaType;
    private final List<Blob> blobs;

    RegistryArtifact(RegistryClient client, ImageReference reference, String digest, String configMediaType, List<Blob> blobs) {
        this.client = client;
        this.reference = reference;
        this.digest = digest;
        this.configMediaType = configMediaType;
        this.blobs = List.copyOf(blobs);
    }

    public ImageReference reference() {
        return reference;
    }

    /** The manifest's sha256 digest. */
    public String digest() {
        return digest;
    }

    /** {@code application/vnd.oci.empty.v1+json} for artifacts that carry their type in {@code artifactType}. */
    public String configMediaType() {
        return configMediaType;
    }

    /** The manifest's {@code layers}, in order. */
    public List<Blob> blobs() {
        return blobs;
    }

    /**
     * Streams a blob through the client that fetched the manifest. The read that reaches the end fails with an
     * IOException "digest mismatch ..." when the bytes are not the ones the manifest names, and a read fails at
     * once when more bytes come than the manifest states.
     */
    public InputStream open(Blob blob) throws IOException {
        if (!blobs.contains(blob)) {
            throw new IllegalArgumentException(blob + " is not a blob of " + reference);
        }
        Descriptor descriptor = new Descriptor(blob.mediaType(), Digest.parse(blob.digest()).orElseThrow(), blob.size(), null, null);
        return client.openBlob(reference, descriptor, "blob " + blob.digest());
    }
}
