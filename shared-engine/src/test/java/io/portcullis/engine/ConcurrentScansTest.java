package io.portcullis.engine;

import io.portcullis.report.ReportFormat;
import io.portcullis.vulndb.VulnDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Four builds on one agent at once: one engine, one cache directory, one open DB; each gets the single-threaded result. */
class ConcurrentScansTest {

    @TempDir
    Path dir;

    @Test
    void fourConcurrentScansSharingCacheAndDatabaseEachGiveTheSingleThreadedResult() throws Exception {
        Path db = DemoDatabase.build(dir.resolve("db"));
        ScanEngine engine = new ScanEngine();
        try (VulnDb open = VulnDb.open(db)) {
            ScanOutcome alone = engine.scan(ScanSpec.builder(DemoDatabase.IMAGE).database(open).policyFile(DemoDatabase.SEED_POLICY)
                    .tempDirectory(dir).build());
            String aloneJson = json(engine, open, null);
            assertFalse(alone.result().findings().isEmpty());

            Path cache = dir.resolve("shared-cache");
            CyclicBarrier start = new CyclicBarrier(4);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<ScanOutcome>> outcomes = new ArrayList<>();
                List<Future<String>> reports = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<ScanOutcome> scan = () -> {
                        start.await();
                        return engine.scan(ScanSpec.builder(DemoDatabase.IMAGE).database(open).policyFile(DemoDatabase.SEED_POLICY)
                                .cacheDirectory(cache).tempDirectory(dir).build());
                    };
                    outcomes.add(pool.submit(scan));
                }
                for (Future<ScanOutcome> future : outcomes) {
                    ScanOutcome outcome = future.get(5, TimeUnit.MINUTES);
                    assertEquals(alone.result().inventory(), outcome.result().inventory());
                    assertEquals(alone.result().findings(), outcome.result().findings());
                    assertEquals(alone.assessment().verdict(), outcome.assessment().verdict());
                    assertEquals(alone.summary().getOpen(), outcome.summary().getOpen());
                }
                for (int i = 0; i < 4; i++) {
                    reports.add(pool.submit(() -> json(engine, open, cache)));
                }
                for (Future<String> report : reports) {
                    assertEquals(aloneJson, report.get(5, TimeUnit.MINUTES));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The JSON report of a scan at a fixed clock, so that two runs compare byte for byte. */
    private String json(ScanEngine engine, VulnDb open, Path cache) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.scan(ScanSpec.builder(DemoDatabase.IMAGE).database(open).cacheDirectory(cache).tempDirectory(dir)
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .report(ReportFormat.JSON, out).build());
        return out.toString(StandardCharsets.UTF_8);
    }
}
