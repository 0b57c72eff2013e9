package io.portcullis.scan;

import io.portcullis.image.Layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/** A layer that counts the bytes read from its blob, for progress output. */
final class CountingLayer implements Layer {

    private final Layer layer;
    private final AtomicLong bytesRead = new AtomicLong();

    CountingLayer(Layer layer) {
        this.layer = layer;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public String digest() {
        return layer.digest();
    }

    @Override
    public String diffId() {
        return layer.diffId();
    }

    @Override
    public String mediaType() {
        return layer.mediaType();
    }

    @Override
    public InputStream open() throws IOException {
        return counting(layer.open());
    }

    @Override
    public InputStream open(Consumer<String> warnings) throws IOException {
        return counting(layer.open(warnings));
    }

    private InputStream counting(InputStream blob) {
        return new FilterInputStream(blob) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                bytesRead.addAndGet(skipped);
                return skipped;
            }
        };
    }
}
