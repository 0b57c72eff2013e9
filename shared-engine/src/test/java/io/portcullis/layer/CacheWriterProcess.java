package io.portcullis.layer;

import java.nio.file.Path;

/** Run in a separate JVM by {@link LayerCacheProcessesTest}: stores one analysis under one key, again and again. */
public final class CacheWriterProcess {

    private CacheWriterProcess() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int times = Integer.parseInt(args[1]);
        LayerAnalysis analysis = LayerCacheTest.sample(Integer.parseInt(args[2]));
        LayerCache cache = LayerCache.at(dir);
        for (int i = 0; i < times; i++) {
            cache.store(LayerCacheTest.DIFF_ID, LayerCacheTest.ANALYZERS, LayerLimits.DEFAULT, analysis, System.err::println);
        }
        if (!cache.load(LayerCacheTest.DIFF_ID, LayerCacheTest.ANALYZERS, LayerLimits.DEFAULT, System.err::println).orElseThrow().equals(analysis)) {
            System.exit(5);
        }
    }
}
