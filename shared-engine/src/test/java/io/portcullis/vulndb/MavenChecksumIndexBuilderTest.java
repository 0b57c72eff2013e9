package io.portcullis.vulndb;

import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures Maven Central cannot be made to produce on demand, injected by a repository double that serves the same
 * two files (maven-metadata.xml with an ETag, .jar.sha1): transient errors are retried, an artifact that keeps
 * failing is reported while the rest is kept, and the next update asks only for what is still missing.
 */
class MavenChecksumIndexBuilderTest {

    private static final String SHA1_A10 = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA1_A11 = "89abcdef0123456789abcdef0123456789abcdef";
    private static final String SHA1_B10 = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String SHA1_B20 = "00112233445566778899aabbccddeeff00112233";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** Paths answered 503 this many more times before they succeed. */
    private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
    private volatile boolean b20Broken = true;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                requests.add(path);
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                AtomicInteger failing = transientFailures.get(path);
                if (failing != null && failing.getAndDecrement() > 0) {
                    return new MockResponse().setResponseCode(503);
                }
                return switch (path) {
                    case "/org/example/a/maven-metadata.xml" -> metadata(request, "\"a-1\"", "1.0", "1.1", "1.2-bom");
                    case "/org/example/b/maven-metadata.xml" -> metadata(request, "\"b-1\"", "1.0", "2.0");
                    case "/org/example/a/1.0/a-1.0.jar.sha1" -> new MockResponse().setBody(SHA1_A10);
                    case "/org/example/a/1.1/a-1.1.jar.sha1" -> new MockResponse().setBody(SHA1_A11.toUpperCase() + "  a-1.1.jar\n");
                    case "/org/example/b/1.0/b-1.0.jar.sha1" -> new MockResponse().setBody(SHA1_B10);
                    case "/org/example/b/2.0/b-2.0.jar.sha1" -> b20Broken
                            ? new MockResponse().setResponseCode(500) : new MockResponse().setBody(SHA1_B20);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse metadata(RecordedRequest request, String etag, String... versions) {
        if (etag.equals(request.getHeader("If-None-Match"))) {
            return new MockResponse().setResponseCode(304);
        }
        StringBuilder xml = new StringBuilder("<metadata><groupId>org.example</groupId><versioning><versions>");
        for (String version : versions) {
            xml.append("<version>").append(version).append("</version>");
        }
        return new MockResponse().setHeader("ETag", etag).setBody(xml.append("</versions></versioning></metadata>").toString());
    }

    private MavenChecksumIndexBuilder builder(Path index) {
        MavenRepository repository = new MavenRepository(server.url("/").toString(), new OkHttpClient(), Duration.ofMillis(1));
        return new MavenChecksumIndexBuilder(index, repository).concurrency(3);
    }

    @Test
    void retriesTransientFailuresKeepsWhatWorkedAndAsksOnlyForWhatIsMissingNextTime() throws Exception {
        Path index = dir.resolve("portcullis.maven-index.db");
        transientFailures.put("/org/example/a/1.1/a-1.1.jar.sha1", new AtomicInteger(2));
        transientFailures.put("/org/example/a/maven-metadata.xml", new AtomicInteger(1));

        MavenIndexUpdate first = builder(index).update(List.of("org.example:a", "org.example:b", "not-maven-coordinates"));

        assertEquals(3, hits.get("/org/example/a/1.1/a-1.1.jar.sha1").get(), "two 503s, then the answer");
        assertEquals(1, first.failures().size(), first.failures().toString());
        assertTrue(first.failures().get(0).startsWith("org.example:b: HTTP 500"), first.failures().toString());
        assertEquals(4, hits.get("/org/example/b/2.0/b-2.0.jar.sha1").get(), "a 500 is retried up to 4 attempts");
        assertFalse(Files.exists(builder(index).partialFile()), "a finished update leaves no partial file");
        try (MavenChecksumIndex built = MavenChecksumIndex.open(index)) {
            assertEquals("[org.example:a:1.0]", built.find(SHA1_A10).toString());
            assertEquals("[org.example:a:1.1]", built.find(SHA1_A11).toString());
            assertEquals("[org.example:b:1.0]", built.find(SHA1_B10).toString(), "b's good version is kept");
            assertEquals(List.of(), built.find(SHA1_B20));
            assertEquals(new MavenChecksumIndex.Counts(2, 4, 3), built.counts(), "1.2-bom has no jar and is remembered");
        }

        requests.clear();
        b20Broken = false;
        MavenIndexUpdate second = builder(index).update(List.of("org.example:a", "org.example:b"));

        assertEquals(List.of(), second.failures());
        assertEquals(1, second.unchanged(), "a answers 304");
        assertEquals(1, second.newVersions(), "only b 2.0 was missing");
        assertEquals(List.of("/org/example/a/maven-metadata.xml", "/org/example/b/2.0/b-2.0.jar.sha1", "/org/example/b/maven-metadata.xml"),
                requests.stream().sorted().toList());
        try (MavenChecksumIndex built = MavenChecksumIndex.open(index)) {
            assertEquals("[org.example:b:2.0]", built.find(SHA1_B20).toString());
        }
    }

    @Test
    void anUnreachableRepositoryIsOneErrorAndTheOldIndexStays() throws Exception {
        Path index = dir.resolve("portcullis.maven-index.db");
        b20Broken = false;
        builder(index).update(List.of("org.example:a"));
        byte[] before = Files.readAllBytes(index);
        server.shutdown();

        var failure = org.junit.jupiter.api.Assertions.assertThrows(io.portcullis.InputException.class,
                () -> builder(index).update(List.of("org.example:a", "org.example:b")));
        assertTrue(failure.getMessage().startsWith("cannot reach Maven repository http://"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Maven checksum index not updated"), failure.getMessage());
        assertEquals(-1L, Files.mismatch(index, writeTemp(before)));
    }

    private Path writeTemp(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "before", ".db");
        Files.write(file, content);
        return file;
    }
}
