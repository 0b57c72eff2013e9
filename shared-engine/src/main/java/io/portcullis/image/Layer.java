package io.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One filesystem layer of an image, not yet read.
 *
 * @see Image#layers()
 */
public interface Layer {

    /**
     * Digest of the blob as stored (compressed), "sha256:..."; equals {@link #diffId()} for uncompressed layers.
     * Null for a layer generated from a directory (rootfs source), which has no stored blob.
     */
    String digest();

    /**
     * Digest of the uncompressed tar, from the image config's rootfs.diff_ids; the cache key.
     * Null means "do not cache": a rootfs directory's content can change between scans.
     */
    String diffId();

    /** Media type as the manifest states it; may be null for docker-archive layers. */
    String mediaType();

    /**
     * Opens the blob as stored (possibly compressed; the layer walker detects compression by magic
     * bytes). Sources that fetch remotely verify the digest while the stream is read and fail the
     * read at its end on a mismatch; local archives and layouts do the same.
     */
    InputStream open() throws IOException;

    /**
     * As {@link #open()}, telling {@code warnings} what a source that generates the blob as it is read
     * had to leave out (a rootfs file the scanning user may not read). Stored blobs leave nothing out.
     */
    default InputStream open(Consumer<String> warnings) throws IOException {
        return open();
    }
}
