package io.portcullis.layer;

import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.Layer;
import io.portcullis.image.Platform;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An image of in-memory layer blobs that counts how often each layer is opened. */
public final class TestImage implements Image {

    public static final class CountingLayer implements Layer {
        private final String diffId;
        private final byte[] blob;
        private final AtomicInteger opens = new AtomicInteger();

        /** A layer whose diffID is the real digest of the blob's decompressed tar. */
        public CountingLayer(byte[] blob) {
            this(TestLayerTar.diffIdOf(blob), blob);
        }

        /** A layer claiming {@code diffId}, which may be null (a rootfs directory) or wrong. */
        public CountingLayer(String diffId, byte[] blob) {
            this.diffId = diffId;
            this.blob = blob;
        }

        public byte[] blob() {
            return blob.clone();
        }

        public int opens() {
            return opens.get();
        }

        @Override
        public String digest() {
            return diffId != null ? diffId : "sha256:rootfs";
        }

        @Override
        public String diffId() {
            return diffId;
        }

        @Override
        public String mediaType() {
            return null;
        }

        @Override
        public InputStream open() {
            opens.incrementAndGet();
            return new ByteArrayInputStream(blob);
        }
    }

    private final String reference;
    private final List<CountingLayer> layers;

    public TestImage(String reference, List<CountingLayer> layers) {
        this.reference = reference;
        this.layers = List.copyOf(layers);
    }

    public int totalOpens() {
        return layers.stream().mapToInt(CountingLayer::opens).sum();
    }

    @Override
    public ImageMetadata metadata() {
        List<String> diffIds = layers.stream().map(CountingLayer::diffId).map(d -> d == null ? "" : d).toList();
        return new ImageMetadata(reference, null, null, Platform.LINUX_AMD64, diffIds, diffIds, List.of());
    }

    @Override
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public void close() {
    }
}
