package io.portcullis.image;

import java.io.Closeable;
import java.util.List;

/** An image opened from some source, ready to have its layers walked. Close it to release temp files and connections. */
public interface Image extends Closeable {

    ImageMetadata metadata();

    /** Layers bottom first, in the order they are applied. */
    List<Layer> layers();
}
