package io.portcullis.image.registry;

import io.portcullis.image.Digest;

import java.util.List;

/** An OCI image index or Docker manifest list: one manifest per platform. */
record ImageIndex(String mediaType, Digest digest, List<Descriptor> manifests) implements Manifest {

    ImageIndex {
        manifests = List.copyOf(manifests);
    }
}
