package io.portcullis.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the decompressed bytes of a layer and fails the read once they pass the cap. The
 * overflow is also remembered, so an analyzer that swallows the exception cannot hide it.
 */
final class DecompressedSizeCap extends FilterInputStream {

    static final class CapExceededException extends IOException {
        CapExceededException(long cap) {
            super("more than " + cap + " bytes after decompression");
        }
    }

    private final long cap;
    private final byte[] scratch = new byte[8192];
    private long count;
    private boolean exceeded;

    DecompressedSizeCap(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Read through rather than trusting the decompressor's skip, so skipped bytes are counted too.
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(int n) throws CapExceededException {
        count += n;
        if (count > cap) {
            exceeded = true;
            throw new CapExceededException(cap);
        }
    }
}
