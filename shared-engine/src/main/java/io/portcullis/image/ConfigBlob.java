package io.portcullis.image;

import java.util.Arrays;

/**
 * The image config blob's bytes as the source served them, kept for the checks that read more of it
 * than {@link ImageConfig} (user, environment, labels, history). Its text may hold secrets an image
 * author put in {@code ENV} or build arguments, so {@link #toString()} never shows it.
 */
public final class ConfigBlob {
    private final byte[] bytes;

    public ConfigBlob(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigBlob blob && Arrays.equals(bytes, blob.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "config blob (" + bytes.length + " bytes)";
    }
}
