package io.portcullis.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes a blob through while hashing it, and fails the read that reaches its end when the
 * content does not have the expected digest (or size). Reading past the expected size fails at
 * once, so a hostile source cannot stream forever. A reader that stops early verifies nothing:
 * only content read to the end is vouched for.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String name;
    private final MessageDigest hash;
    private long count;
    private String actual;

    /**
     * @param expectedSize the size the descriptor states, or -1 when unknown
     * @param name what the blob is, for error messages (e.g. "layer sha256:... of docker.io/library/alpine:3.11")
     */
    public DigestVerifyingInputStream(InputStream in, Digest expected, long expectedSize, String name) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.name = name;
        this.hash = expected.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verifyAtEnd();
        } else {
            hash.update((byte) b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verifyAtEnd();
        } else {
            hash.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed, so skip by reading.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: rewinding would hash bytes twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void counted(long n) throws IOException {
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw new IOException(name + " is longer than the " + expectedSize + " bytes its descriptor states");
        }
    }

    private void verifyAtEnd() throws IOException {
        if (expectedSize >= 0 && count != expectedSize) {
            throw new IOException(name + " ended after " + count + " bytes, its descriptor states " + expectedSize);
        }
        if (actual == null) {
            actual = expected.algorithm() + ":" + HexFormat.of().formatHex(hash.digest());
        }
        if (!actual.equals(expected.toString())) {
            throw new IOException("digest mismatch for " + name + ": expected " + expected + ", got " + actual);
        }
    }
}
