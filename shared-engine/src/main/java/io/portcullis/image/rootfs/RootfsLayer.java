package io.portcullis.image.rootfs;

import io.portcullis.image.Layer;
import io.portcullis.image.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A directory read as one uncompressed layer. It has no digest and no diff id: the content may
 * change between scans, so a null diff id tells the layer cache not to keep its results.
 */
record RootfsLayer(Path root) implements Layer {

    @Override
    public String digest() {
        return null;
    }

    @Override
    public String diffId() {
        return null;
    }

    @Override
    public String mediaType() {
        return MediaTypes.OCI_LAYER_TAR;
    }

    @Override
    public InputStream open() throws IOException {
        return open(warning -> { });
    }

    @Override
    public InputStream open(Consumer<String> warnings) throws IOException {
        return new DirectoryTarStream(root, warnings);
    }
}
