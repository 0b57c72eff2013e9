package io.portcullis.vulndb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups from several threads at once on one open DB give exactly what one thread gets. */
class VulnDbConcurrentReadTest {

    private static final int THREADS = 6;

    @TempDir
    static Path dir;
    static Path db;
    /** Every (ecosystem, package) the records name, plus names no record has. */
    static List<String[]> keys;

    /** What one thread, alone on a freshly opened DB, reads for each key: affected entries, then their records. */
    record Answer(List<AffectedPackage> affected, List<Optional<Vulnerability>> records) {
    }

    @BeforeAll
    static void build() throws IOException {
        db = dir.resolve("portcullis.db");
        List<Path> zips = List.of(SharedData.osvZip("Alpine.zip"), SharedData.osvZip("GHSA-sample.zip"));
        VulnDbBuilder builder = new VulnDbBuilder(db);
        zips.forEach(z -> builder.add(new OsvSource.Zip(z)));
        builder.build();
        Set<List<String>> named = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Path zip : zips) {
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    try (InputStream in = file.getInputStream(entries.nextElement())) {
                        for (JsonNode affected : json.readTree(in).path("affected")) {
                            String ecosystem = affected.path("package").path("ecosystem").asText();
                            String name = affected.path("package").path("name").asText();
                            Ecosystem.ofOsv(ecosystem).ifPresent(e -> named.add(List.of(ecosystem, e.normalizeName(name))));
                        }
                    }
                }
            }
        }
        keys = new ArrayList<>();
        named.forEach(k -> keys.add(new String[] {k.get(0), k.get(1)}));
        keys.add(new String[] {"Alpine:v3.11", "no-such-package"});
        keys.add(new String[] {"npm", "no-such-package"});
        keys.add(new String[] {"PyPI", "requests"});
        assertTrue(keys.size() > 500, "keys from the zips: " + keys.size());
    }

    @Test
    void concurrentLookupsGiveTheSingleThreadedResult() throws Exception {
        Map<String, Answer> alone;
        try (VulnDb vulnDb = VulnDb.open(db)) {
            alone = lookUp(vulnDb, keys);
        }
        assertTrue(alone.values().stream().filter(a -> !a.affected().isEmpty()).count() > 500, "most keys have entries");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (VulnDb shared = VulnDb.open(db)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, Answer>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                // each thread its own order, so they fill the DB's caches in different orders at the same time
                List<String[]> order = new ArrayList<>(keys);
                Collections.shuffle(order, new Random(t));
                results.add(pool.submit(() -> {
                    start.await();
                    return lookUp(shared, order);
                }));
            }
            start.countDown();
            for (Future<Map<String, Answer>> result : results) {
                assertEquals(alone, result.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpenDbKeepsServingItsVersionAfterAnUpdateReplacesTheFile(@TempDir Path other) throws Exception {
        Path copy = other.resolve("portcullis.db");
        new VulnDbBuilder(copy).add(new OsvSource.Zip(SharedData.osvZip("Alpine.zip"))).build();
        List<String[]> alpineKeys = keys.stream().filter(k -> k[0].startsWith("Alpine")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (VulnDb opened = VulnDb.open(copy)) {
            new VulnDbBuilder(copy).add(new OsvSource.Zip(SharedData.osvZip("GHSA-sample.zip"))).build();
            try (VulnDb replaced = VulnDb.open(copy)) {
                assertNotEquals(opened.info().checksum(), replaced.info().checksum());
                assertEquals(List.of(), replaced.affected(alpineKeys.get(0)[0], alpineKeys.get(0)[1]), "the new file has no Alpine data");
            }
            // several threads at once, so every pooled connection answers, not just the first
            List<Future<Map<String, Answer>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> lookUp(opened, alpineKeys)));
            }
            Map<String, Answer> expected;
            try (VulnDb original = VulnDb.open(db)) {
                expected = lookUp(original, alpineKeys);
            }
            for (Future<Map<String, Answer>> result : results) {
                assertEquals(expected, result.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Answer> lookUp(VulnDb vulnDb, List<String[]> order) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String[] key : order) {
            List<AffectedPackage> affected = vulnDb.affected(key[0], key[1]);
            List<Optional<Vulnerability>> records = affected.stream().map(a -> vulnDb.vulnerability(a.vulnerabilityId())).toList();
            answers.put(key[0] + " " + key[1], new Answer(affected, records));
        }
        return answers;
    }
}
