package io.portcullis.engine;

import io.portcullis.report.ReportFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An aborted build interrupts its scanning thread: the scan stops as a cancellation and leaves nothing behind. */
class CancellationTest {

    @TempDir
    static Path shared;
    static Path db;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildDatabase() {
        db = DemoDatabase.build(shared);
    }

    @Test
    void anInterruptWhileALayerIsReadIsACancellationNotACorruptLayer() throws Exception {
        Path temp = Files.createDirectory(dir.resolve("temp"));
        Path cache = dir.resolve("cache");
        Path report = dir.resolve("report.json");
        ScanListener interruptAtSecondLayer = new ScanListener() {
            @Override
            public void layerStarted(int index, int count, String diffId, long compressedSize) {
                if (index == 1) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ScanSpec spec = ScanSpec.builder(DemoDatabase.IMAGE).database(db).cacheDirectory(cache).tempDirectory(temp)
                .report(ReportFormat.JSON, report).listener(interruptAtSecondLayer).build();
        try {
            ScanCancelledException e = assertThrows(ScanCancelledException.class, () -> new ScanEngine().scan(spec));
            assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the host to see");
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), list(temp), "temp files are gone");
        assertFalse(Files.exists(report), "no report of a cancelled scan");
        List<String> cached = list(cache);
        assertEquals(1, cached.size(), "only the first, finished layer is cached: " + cached);
        assertTrue(cached.stream().noneMatch(name -> name.endsWith(".tmp")), cached.toString());
    }

    @Test
    void anotherThreadInterruptingTheScanStopsIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        ScanListener started = new ScanListener() {
            @Override
            public void layerStarted(int index, int count, String diffId, long compressedSize) {
                reading.countDown();
            }
        };
        Path temp = Files.createDirectory(dir.resolve("temp"));
        ScanSpec spec = ScanSpec.builder(DemoDatabase.IMAGE).database(db).tempDirectory(temp).listener(started).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread scan = new Thread(() -> {
            try {
                new ScanEngine().scan(spec);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        scan.start();
        assertTrue(reading.await(1, TimeUnit.MINUTES));
        scan.interrupt();
        scan.join(TimeUnit.MINUTES.toMillis(1));
        assertFalse(scan.isAlive());
        assertInstanceOf(ScanCancelledException.class, thrown.get());
        assertEquals(List.of(), list(temp));
    }

    private static List<String> list(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(p -> directory.relativize(p).toString()).sorted().toList();
        }
    }
}
