package io.portcullis.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader. A layer is read by two
 * kinds of work that each keep a core busy: fetching and inflating the blob, and hashing and parsing
 * the tar. Handing the first to this thread lets the two overlap, so a cold scan costs little more
 * than decompression alone. Memory is bounded by {@code chunks * chunkSize}.
 */
final class ReadAheadInputStream extends InputStream {

    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<byte[]> ready;
    private final Thread reader;
    private volatile Exception failure;
    private volatile boolean closed;
    /** Guards the hand-over of the source between the reading thread and {@link #close()}. */
    private final Object sourceOwnership = new Object();
    private boolean readerDone;
    private boolean closeRequested;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, int chunks, int chunkSize) {
        this.source = source;
        this.ready = new ArrayBlockingQueue<>(chunks);
        this.reader = new Thread(() -> fill(source, chunkSize), "portcullis-layer-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private void fill(InputStream source, int chunkSize) {
        try {
            while (!closed) {
                byte[] chunk = source.readNBytes(chunkSize);
                if (chunk.length == 0) {
                    break;
                }
                offer(chunk);
                if (chunk.length < chunkSize) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        offer(END);
        boolean closeNow;
        synchronized (sourceOwnership) {
            readerDone = true;
            closeNow = closeRequested;
        }
        if (closeNow) {
            closeQuietly(source);
        }
    }

    private static void closeQuietly(InputStream source) {
        try {
            source.close();
        } catch (IOException e) {
            // close() returned long ago; nobody is left to tell.
        }
    }

    private void offer(byte[] chunk) {
        try {
            while (!closed && !ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // The consumer is busy; wait, but notice close().
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == current.length && !nextChunk()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        byte[] chunk;
        try {
            chunk = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a layer");
        }
        if (chunk == END) {
            ended = true;
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            return false;
        }
        current = chunk;
        position = 0;
        return true;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    /**
     * Stops the reading thread and closes the source, never while that thread may still be in it
     * (an inflater closed under a running inflate fails in native code). Waits a moment for the
     * thread, even when the closing thread is itself interrupted (a cancelled scan); a thread still
     * blocked in a network read then closes the source itself when the read returns.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        ready.clear();
        reader.interrupt();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (reader.isAlive() && System.nanoTime() < deadline) {
            try {
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        boolean closeNow;
        synchronized (sourceOwnership) {
            closeRequested = true;
            closeNow = readerDone;
        }
        if (closeNow) {
            source.close();
        }
    }
}
