package io.portcullis.layer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Two JVMs writing the same cache key while this one reads it: both succeed, nobody sees half a file. */
class LayerCacheProcessesTest {

    @TempDir
    Path dir;

    @Test
    void twoProcessesRacingOnOneKeyBothSucceed() throws Exception {
        int packages = 2000;
        LayerAnalysis expected = LayerCacheTest.sample(packages);
        Path file = LayerCache.at(dir).entryFile(LayerCacheTest.DIFF_ID, LayerCacheTest.ANALYZERS, LayerLimits.DEFAULT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheWriterProcess.class.getName(),
                    dir.toString(), "10", String.valueOf(packages)).redirectErrorStream(true).start());
        }

        ObjectMapper json = new ObjectMapper();
        int wholeReads = 0;
        while (writers.stream().anyMatch(Process::isAlive)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException notYet) {
                continue;
            }
            assertEquals(expected, json.readValue(bytes, LayerCache.CacheEntry.class).analysis());
            wholeReads++;
        }

        for (Process writer : writers) {
            assertTrue(writer.waitFor(120, TimeUnit.SECONDS));
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, writer.exitValue(), "writer process failed: " + output);
        }
        assertTrue(wholeReads > 0, "the reader saw the entry while the writers ran");
        assertEquals(Optional.of(expected), LayerCache.at(dir).load(LayerCacheTest.DIFF_ID, LayerCacheTest.ANALYZERS, LayerLimits.DEFAULT, w -> fail("unexpected cache warning: " + w)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }
}
