package io.portcullis.image.registry;

import io.portcullis.image.Digest;

import java.util.List;

/** An OCI image manifest or Docker v2 schema 2 manifest: a config blob and layers, bottom first. */
record ImageManifest(String mediaType, Digest digest, Descriptor config, List<Descriptor> layers) implements Manifest {

    ImageManifest {
        layers = List.copyOf(layers);
    }
}
