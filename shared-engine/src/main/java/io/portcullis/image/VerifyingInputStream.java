package io.portcullis.image;

import io.portcullis.InputException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes a blob while it is read and fails at its end when the content does not match the digest
 * the manifest promised. Closing before the end drains the rest first: readers of a tar stop at the
 * end-of-archive marker and would otherwise never reach the check.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final Digest expected;
    private final long expectedSize;
    private final String blobName;
    private final MessageDigest hasher;
    private long count;
    private boolean verified;
    private boolean closed;

    /**
     * @param expectedSize the size the descriptor states, or -1 when the source states none
     * @param blobName names the blob and its file in the error message
     */
    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String blobName) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.blobName = blobName;
        this.hasher = expected.newHasher();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            hasher.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            hasher.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed.
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
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            byte[] buffer = new byte[65536];
            while (!verified && read(buffer, 0, buffer.length) >= 0) {
                // drain to reach the check
            }
        } finally {
            in.close();
        }
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new InputException(blobName + ": blob " + expected + " has " + count + " bytes, the manifest says " + expectedSize);
        }
        String actual = HexFormat.of().formatHex(hasher.digest());
        if (!actual.equals(expected.hex())) {
            throw new InputException(blobName + ": blob content does not match its digest " + expected + " (actual " + expected.algorithm() + ":" + actual + ")");
        }
    }
}
