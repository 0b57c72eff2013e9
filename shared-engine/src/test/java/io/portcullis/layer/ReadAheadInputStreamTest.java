package io.portcullis.layer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadInputStreamTest {

    /** A source whose second read blocks until released, and which records a close that overlaps a read. */
    static final class BlockingSource extends InputStream {
        final CountDownLatch inSecondRead = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean reading = new AtomicBoolean();
        final AtomicBoolean closedDuringRead = new AtomicBoolean();
        final CountDownLatch closed = new CountDownLatch(1);
        private int reads;

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            reading.set(true);
            try {
                if (++reads == 1) {
                    b[off] = 42;
                    return 1;
                }
                inSecondRead.countDown();
                // Like a socket read: deaf to interrupts.
                while (true) {
                    try {
                        if (release.await(10, TimeUnit.SECONDS)) {
                            return -1;
                        }
                    } catch (InterruptedException ignored) {
                        // keep blocking
                    }
                }
            } finally {
                reading.set(false);
            }
        }

        @Override
        public void close() {
            if (reading.get()) {
                closedDuringRead.set(true);
            }
            closed.countDown();
        }
    }

    @Test
    void anInterruptedCloseNeverClosesTheSourceUnderARunningRead() throws Exception {
        BlockingSource source = new BlockingSource();
        ReadAheadInputStream in = new ReadAheadInputStream(source, 2, 1);
        byte[] first = new byte[1];
        assertTrue(in.read(first, 0, 1) == 1);
        assertArrayEquals(new byte[] {42}, first);
        assertTrue(source.inSecondRead.await(10, TimeUnit.SECONDS));

        Thread.currentThread().interrupt();
        try {
            in.close();
            assertTrue(Thread.interrupted(), "close() keeps the caller's interrupt");
        } finally {
            Thread.interrupted();
        }
        assertFalse(source.closedDuringRead.get());
        assertTrue(source.closed.getCount() == 1, "the source is still being read, so it is not closed yet");

        source.release.countDown();
        assertTrue(source.closed.await(10, TimeUnit.SECONDS), "the reading thread closes the source once its read returns");
        assertFalse(source.closedDuringRead.get());
    }
}
