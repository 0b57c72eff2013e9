package io.portcullis.layer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.FoundSecret;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerCacheTest {

    static final String DIFF_ID = "sha256:5216338b40a7b96416b8b9858974bbe4acc3096ee60acbc4dfb1ee02aecceb10";
    static final List<Analyzer> ANALYZERS = List.of(new OsReleaseTestAnalyzer(), new PackageListTestAnalyzer());

    /** What the cache told the scan; the tests that expect nothing check it stays empty. */
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path dir;

    static LayerAnalysis sample(int packages) {
        List<Package> list = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            list.add(new Package("deb", "pkg" + i, "1:2.36.1-8+deb11u" + i, "amd64", new SourcePackage("util-linux", "2.36.1-8"), null,
                    List.of(new Location(null, "var/lib/dpkg/status")), "test-pkgs", List.of("GPL-2.0"), Map.of("status", "install ok installed")));
        }
        return new LayerAnalysis(
                Map.of("var/lib/dpkg/status", Map.of("test-pkgs", new FileAnalysis(list, null, List.of("var/lib/dpkg/status: bad line 7"))),
                        "etc/os-release", Map.of("test-os-release", new FileAnalysis(List.of(), new OperatingSystem("debian", "11", "bullseye", null), List.of())),
                        "usr/share/empty.pkgs", Map.of("test-pkgs", FileAnalysis.EMPTY),
                        "root/.npmrc", Map.of("test-secrets", FileAnalysis.secrets(List.of(new FoundSecret("PCS-NPMRC-AUTH", 2, "0a1b****"))))),
                Set.of("usr/share/doc/x"), Set.of("opt"), Map.of("etc/alternatives/awk", "/usr/bin/mawk"),
                Map.of("usr/bin/passwd", 04755, "usr/bin/ls", 0755));
    }

    @Test
    void keyDependsOnDiffIdAndAnalyzerVersionsButNotTheirOrder() {
        String key = LayerCache.key(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT);
        assertEquals(key, LayerCache.key(DIFF_ID, List.of(ANALYZERS.get(1), ANALYZERS.get(0)), LayerLimits.DEFAULT));
        assertNotEquals(key, LayerCache.key("sha256:0000", ANALYZERS, LayerLimits.DEFAULT));
        assertNotEquals(key, LayerCache.key(DIFF_ID, List.of(ANALYZERS.get(0)), LayerLimits.DEFAULT));
        assertNotEquals(key, LayerCache.key(DIFF_ID, List.of(new OsReleaseTestAnalyzer(2), ANALYZERS.get(1)), LayerLimits.DEFAULT));
        // A layer capped at fewer nested archives holds fewer packages: it must not answer a scan with other caps.
        assertNotEquals(key, LayerCache.key(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT.withMaxNestedArchivesPerLayer(10)));
        assertNotEquals(key, LayerCache.key(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT.withMaxNestedArchivesPerFile(10)));
        // The byte limits only reject a layer, never change its analysis.
        assertEquals(key, LayerCache.key(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT.withMaxFileBytes(10)));
        assertTrue(key.matches("[0-9a-f]{64}"), key);
    }

    @Test
    void storesAndLoadsEveryField() {
        LayerCache cache = LayerCache.at(dir);
        LayerAnalysis analysis = sample(3);

        assertEquals(Optional.empty(), cache.load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        cache.store(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, analysis, warnings::add);

        assertEquals(Optional.of(analysis), LayerCache.at(dir).load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        assertEquals(Optional.empty(), cache.load(DIFF_ID, List.of(ANALYZERS.get(0)), LayerLimits.DEFAULT, warnings::add));
        assertEquals(List.of(), warnings, "a missing entry is no warning");
    }

    @Test
    void ignoresAndRewritesACorruptEntry() throws Exception {
        LayerCache cache = LayerCache.at(dir);
        Path file = cache.entryFile(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT);
        Files.createDirectories(dir);
        Files.writeString(file, "{\"format\":1,\"diffId\":\"" + DIFF_ID + "\",\"analysis\":{\"files\":{\"a\":");

        assertEquals(Optional.empty(), cache.load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        assertEquals(1, warnings.size(), () -> "one warning for the corrupt entry: " + warnings);
        assertTrue(warnings.get(0).startsWith("ignoring corrupt layer cache entry " + file + ": "), warnings.get(0));
        cache.store(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, sample(1), warnings::add);
        assertEquals(Optional.of(sample(1)), cache.load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        assertEquals(1, warnings.size(), () -> "the rewritten entry reads back without a warning: " + warnings);
    }

    @Test
    void ignoresAnEntryForAnotherLayer() throws Exception {
        LayerCache cache = LayerCache.at(dir);
        cache.store("sha256:other", ANALYZERS, LayerLimits.DEFAULT, sample(1), warnings::add);
        Files.move(cache.entryFile("sha256:other", ANALYZERS, LayerLimits.DEFAULT), cache.entryFile(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT));
        assertEquals(Optional.empty(), cache.load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        assertEquals(List.of("ignoring layer cache entry " + cache.entryFile(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT)
                + ": it describes another layer or analyzer set"), warnings);
    }

    @Test
    void disabledCacheAndLayersWithoutDiffIdStoreNothing() throws Exception {
        LayerCache.disabled().store(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, sample(1), warnings::add);
        assertEquals(Optional.empty(), LayerCache.disabled().load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        LayerCache.at(dir).store(null, ANALYZERS, LayerLimits.DEFAULT, sample(1), warnings::add);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aWriteFailureLosesOnlyTheSaving() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        LayerCache cache = LayerCache.at(notADirectory);
        cache.store(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, sample(1), warnings::add);
        assertEquals(1, warnings.size(), () -> "the failed write is a warning: " + warnings);
        assertTrue(warnings.get(0).startsWith("cannot write layer cache entry "), warnings.get(0));
        assertEquals(Optional.empty(), cache.load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
    }

    @Test
    void concurrentWritersOfOneKeyAllSucceedAndReadersNeverSeeAPartialEntry() throws Exception {
        LayerAnalysis big = sample(3000);
        Path file = LayerCache.at(dir).entryFile(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writes.add(pool.submit(() -> {
                LayerCache own = LayerCache.at(dir);
                start.await();
                for (int i = 0; i < 10; i++) {
                    own.store(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, big, warnings::add);
                }
                return null;
            }));
        }
        AtomicInteger wholeReads = new AtomicInteger();
        Future<?> reader = pool.submit(() -> {
            ObjectMapper json = new ObjectMapper();
            start.await();
            while (writing.get()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException notYet) {
                    continue;
                }
                // Parsed independently of LayerCache, which would hide a partial file as a miss.
                LayerCache.CacheEntry entry = json.readValue(bytes, LayerCache.CacheEntry.class);
                assertEquals(big, entry.analysis());
                wholeReads.incrementAndGet();
            }
            return null;
        });
        start.countDown();
        for (Future<?> write : writes) {
            write.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.get(120, TimeUnit.SECONDS);
        pool.shutdown();

        assertTrue(wholeReads.get() > 0, "the reader saw the entry at least once");
        assertEquals(Optional.of(big), LayerCache.at(dir).load(DIFF_ID, ANALYZERS, LayerLimits.DEFAULT, warnings::add));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList(), "no temp files left");
        }
    }
}
