package io.portcullis.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress and diagnostics of one scan. Every method is called on the scanning thread and defaults
 * to doing nothing; a listener that throws aborts the scan. One scan calls, in order:
 * {@link #databaseOpened} (scans that match), {@link #imageOpened}, per layer {@link #layerStarted}
 * and {@link #layerFinished}, {@link #matchingDone}, then {@link #reportWritten} per file;
 * {@link #warning} at any point.
 */
public interface ScanListener {

    /** @param digest the manifest digest, or null for a source without one (a rootfs directory) */
    default void imageOpened(String reference, String digest, int layerCount) {
    }

    /**
     * @param index 0 for the bottom layer
     * @param diffId the uncompressed layer digest, or null for a rootfs directory
     * @param compressedSize bytes of the blob as stored, or -1 when unknown
     */
    default void layerStarted(int index, int count, String diffId, long compressedSize) {
    }

    /**
     * @param fromCache true when the layer's analysis came from the layer cache and its blob was not read
     * @param bytesRead bytes of the blob read (0 when from the cache)
     */
    default void layerFinished(int index, int count, String diffId, boolean fromCache, long bytesRead, Duration took) {
    }

    /** @param age how old the DB is at the scan's clock */
    default void databaseOpened(Instant builtAt, Duration age) {
    }

    default void matchingDone(int findings, Duration took) {
    }

    /** @param file the file written; null when the document went to a caller's stream */
    default void reportWritten(String format, Path file) {
    }

    default void warning(ScanWarning warning) {
    }

    /** A listener that does nothing. */
    static ScanListener none() {
        return new ScanListener() {
        };
    }
}
