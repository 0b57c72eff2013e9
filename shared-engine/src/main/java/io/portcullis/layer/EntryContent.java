package io.portcullis.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * The view of one tar entry's bytes an analyzer gets. It ends where the entry ends (the tar
 * stream already stops there), cannot close the tar, stops working once the analyzer returns,
 * and remembers whether the layer stream itself failed, so that failure is reported as a broken
 * layer rather than as a problem with one file.
 */
final class EntryContent extends InputStream {

    private final InputStream entry;
    private boolean open = true;
    private IOException layerFailure;

    EntryContent(InputStream entry) {
        this.entry = entry;
    }

    /** The failure of the underlying layer stream seen while the analyzer read, or null. */
    IOException layerFailure() {
        return layerFailure;
    }

    void invalidate() {
        open = false;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        try {
            return entry.read();
        } catch (IOException e) {
            layerFailure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ensureOpen();
        try {
            return entry.read(buffer, offset, length);
        } catch (IOException e) {
            layerFailure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        try {
            return entry.skip(n);
        } catch (IOException e) {
            layerFailure = e;
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return entry.available();
    }

    /** Closing only ends this view; the layer stream stays open for the next entry. */
    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new IOException("entry stream is closed");
        }
    }
}
