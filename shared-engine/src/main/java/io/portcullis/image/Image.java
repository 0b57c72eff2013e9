package io.portcullis.image;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/** An image opened from some source, ready to have its layers walked. Close it to release temp files and connections. */
public interface Image extends Closeable {

    ImageMetadata metadata();

    /** Layers bottom first, in the order they are applied. */
    List<Layer> layers();

    /** The tagged manifests beside the image (its registry repository, its OCI layout); empty for sources without tags. */
    default Optional<TaggedArtifacts> taggedArtifacts() {
        return Optional.empty();
    }
}
