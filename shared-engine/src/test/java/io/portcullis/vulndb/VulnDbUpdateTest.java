package io.portcullis.vulndb;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.cli.PortcullisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URL sources over real HTTP servers on the loopback: conditional GET, mirrors, and two updates at once. */
class VulnDbUpdateTest {

    @TempDir
    Path dir;

    /** Python's http.server answers If-Modified-Since with 304; the update keeps the DB, a newer file rebuilds it. */
    @Test
    void mirrorUpdateUsesLastModifiedAndKeepsTheDatabaseOn304() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror/Alpine"));
        Files.copy(SharedData.osvZip("Alpine.zip"), mirror.resolve("all.zip"));
        Files.setLastModifiedTime(mirror.resolve("all.zip"), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        int port = freePort();
        Process server = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1",
                "--directory", dir.resolve("mirror").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            awaitListening(port);
            Path db = dir.resolve("db/portcullis.db");
            String[] update = {"db", "update", "--db", db.toString(), "--mirror", "http://127.0.0.1:" + port + "/", "--ecosystem", "Alpine"};
            assertEquals(0, PortcullisCli.run(update));
            DatabaseInfo first;
            try (VulnDb vulnDb = VulnDb.open(db); ZipFile zip = new ZipFile(SharedData.osvZip("Alpine.zip").toFile())) {
                first = vulnDb.info();
                assertEquals(zip.size(), first.recordCounts().get("Alpine"));
                assertEquals(List.of("http://127.0.0.1:" + port + "/Alpine/all.zip"), first.sources());
            }

            ImportReport unchanged = new VulnDbBuilder(db).add(new OsvSource.Url(URI.create("http://127.0.0.1:" + port + "/Alpine/all.zip"))).build();
            assertFalse(unchanged.rebuilt());
            assertEquals(first, unchanged.info());
            try (VulnDb vulnDb = VulnDb.open(db)) {
                assertEquals(first.builtAt(), vulnDb.info().builtAt(), "DB file was not rebuilt");
            }
            String log = Files.readString(dir.resolve("server.log"));
            assertTrue(log.contains("\"GET /Alpine/all.zip HTTP/1.1\" 304"), log);

            Files.setLastModifiedTime(mirror.resolve("all.zip"), FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
            ImportReport changed = new VulnDbBuilder(db).add(new OsvSource.Url(URI.create("http://127.0.0.1:" + port + "/Alpine/all.zip"))).build();
            assertTrue(changed.rebuilt());
            assertNotEquals(first.builtAt(), changed.info().builtAt());
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A server with ETags: the second fetch sends If-None-Match with the ETag the DB remembered. */
    @Test
    void etagIsRememberedInTheDatabaseAndSentBack() throws Exception {
        byte[] zip = Files.readAllBytes(SharedData.osvZip("crates.io.zip"));
        List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/crates.io/all.zip", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(sent));
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            if ("\"v1\"".equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, zip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(zip);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crates.io/all.zip");
            Path db = dir.resolve("portcullis.db");
            assertTrue(new VulnDbBuilder(db).add(new OsvSource.Url(url)).build().rebuilt());
            assertFalse(new VulnDbBuilder(db).add(new OsvSource.Url(url)).build().rebuilt());
            assertEquals(List.of("null", "\"v1\""), ifNoneMatch);
        } finally {
            server.stop(0);
        }
    }

    /** Two updates of one DB at once: the second waits for the first's lock; both finish and the DB is whole. */
    @Test
    void twoUpdatesAtOnceWaitForEachOther() throws Exception {
        byte[] zip = Files.readAllBytes(SharedData.osvZip("crates.io.zip"));
        CountDownLatch firstRequestArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/crates.io/all.zip", exchange -> {
            firstRequestArrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, zip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(zip);
            }
            exchange.close();
        });
        server.start();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crates.io/all.zip");
            Path db = dir.resolve("portcullis.db");
            Future<ImportReport> first = threads.submit(() -> new VulnDbBuilder(db).add(new OsvSource.Url(url)).build());
            assertTrue(firstRequestArrived.await(60, TimeUnit.SECONDS));
            // The first build holds the lock while its download is stalled; the second cannot start its own.
            Future<ImportReport> second = threads.submit(() -> new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("Alpine.zip"))).build());
            Thread.sleep(500);
            assertFalse(second.isDone(), "second update must wait for the first one's lock");
            release.countDown();
            ImportReport a = first.get(120, TimeUnit.SECONDS);
            ImportReport b = second.get(120, TimeUnit.SECONDS);
            assertFalse(a.waitedForLock());
            assertTrue(b.waitedForLock());
            try (VulnDb vulnDb = VulnDb.open(db)) {
                assertEquals(b.info(), vulnDb.info(), "the later build is the one in place");
            }
        } finally {
            release.countDown();
            threads.shutdownNow();
            server.stop(0);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("server on port " + port + " did not start");
    }
}
