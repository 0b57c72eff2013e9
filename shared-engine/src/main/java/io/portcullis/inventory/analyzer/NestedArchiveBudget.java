package io.portcullis.inventory.analyzer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many archives nested inside other archives the analyzers may still open in the layer being read.
 * Entries of a zip may share their bytes, so a jar of a few KB can fan out into millions of nested jars
 * without inflating much; the per-file cap bounds one such file, and this shared count bounds a layer
 * holding many of them. One budget per layer walk, shared by every file of the layer; thread-safe.
 */
public final class NestedArchiveBudget {

    /** Real fat jars and WARs hold a few hundred nested archives. */
    public static final int DEFAULT_PER_FILE = 10_000;
    /** A layer of many fat jars (an application server, a Jenkins plugin directory) stays far below this. */
    public static final int DEFAULT_PER_LAYER = 100_000;

    private final String layer;
    private final int perFile;
    private final int perLayer;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicBoolean refusalTold = new AtomicBoolean();

    /**
     * @param layer how warnings name the layer ("layer sha256:...")
     * @param perFile the most nested archives read inside one top-level archive, at all depths together
     * @param perLayer the most nested archives read in the whole layer, across all its files
     */
    public NestedArchiveBudget(String layer, int perFile, int perLayer) {
        if (perFile <= 0 || perLayer <= 0) {
            throw new IllegalArgumentException("nested archive limits must be positive: " + perFile + ", " + perLayer);
        }
        this.layer = layer;
        this.perFile = perFile;
        this.perLayer = perLayer;
    }

    /** The default limits, for a file analysed on its own rather than as part of a layer walk. */
    public static NestedArchiveBudget forOneFile() {
        return new NestedArchiveBudget("the layer", DEFAULT_PER_FILE, DEFAULT_PER_LAYER);
    }

    public String layer() {
        return layer;
    }

    public int perFile() {
        return perFile;
    }

    public int perLayer() {
        return perLayer;
    }

    /** Claims one nested archive; false once the layer's budget is spent (and for every later claim). */
    public boolean tryOpen() {
        return opened.getAndUpdate(n -> n < perLayer ? n + 1 : n) < perLayer;
    }

    /** True for the first refused claim only, so the layer's cap is told once, naming the file where it was hit. */
    public boolean firstRefusal() {
        return refusalTold.compareAndSet(false, true);
    }
}
