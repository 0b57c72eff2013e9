package io.portcullis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.MavenChecksumIndex;
import io.portcullis.vulndb.MavenCoordinates;
import io.portcullis.vulndb.VulnDb;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent-side DB keeper the Jenkins step and the Azure DevOps runner call before each scan, on the real
 * GHSA sample records: built when missing, kept while fresh, rebuilt when stale or unreadable, built once when
 * two builds race for it, and the Maven checksum index kept beside it.
 */
class DatabaseProvisionerTest {

    private static final Path GHSA_SAMPLE = Path.of("samples/osv/GHSA-sample.zip");
    private static final Instant DAY_ONE = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path cache;

    private final List<Duration> agesReported = new CopyOnWriteArrayList<>();
    private final List<ScanWarning> warnings = new CopyOnWriteArrayList<>();
    private final ScanListener listener = new ScanListener() {
        @Override
        public void databaseOpened(Instant builtAt, Duration age) {
            agesReported.add(age);
        }

        @Override
        public void warning(ScanWarning warning) {
            warnings.add(warning);
        }
    };

    private DatabaseProvisioner provisioner(Instant now) {
        return new DatabaseProvisioner(cache, null, listener).clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static DatabaseSource sample() {
        return DatabaseSource.parse(GHSA_SAMPLE.toString());
    }

    private static DatabaseInfo info(Path database) {
        try (VulnDb db = VulnDb.open(database)) {
            return db.info();
        }
    }

    @Test
    void buildsTheDatabaseInTheCacheWhenMissingAndReportsItsAge() {
        Path database = provisioner(DAY_ONE).ensureFresh(sample(), Duration.ofDays(1));

        assertEquals(cache.resolve("portcullis.db"), database);
        assertEquals(DAY_ONE, info(database).builtAt());
        assertEquals(List.of(Duration.ZERO), agesReported);
        assertTrue(info(database).recordCounts().getOrDefault("Maven", 0) > 0, "the sample's Maven records are in");
    }

    @Test
    void keepsAFreshDatabaseAndRebuildsAStaleOne() {
        Path database = provisioner(DAY_ONE).ensureFresh(sample(), Duration.ofDays(1));

        Instant twelveHoursLater = DAY_ONE.plus(Duration.ofHours(12));
        provisioner(twelveHoursLater).ensureFresh(sample(), Duration.ofDays(1));
        assertEquals(DAY_ONE, info(database).builtAt(), "half a day old is fresh under a one-day limit");

        Instant twoDaysLater = DAY_ONE.plus(Duration.ofDays(2));
        provisioner(twoDaysLater).ensureFresh(sample(), Duration.ofDays(1));
        assertEquals(twoDaysLater, info(database).builtAt(), "two days old is rebuilt");

        assertEquals(List.of(Duration.ZERO, Duration.ofHours(12), Duration.ZERO), agesReported);
    }

    @Test
    void rebuildsADatabaseThatCannotBeRead() throws IOException {
        Files.writeString(cache.resolve("portcullis.db"), "not a SQLite file");

        Path database = provisioner(DAY_ONE).ensureFresh(sample(), Duration.ofDays(1));

        assertEquals(DAY_ONE, info(database).builtAt());
    }

    @Test
    void aBuiltDatabaseGivenAsTheSourceIsUsedAsItIsHoweverOld() {
        Path elsewhere = cache.resolve("elsewhere");
        Path old = new DatabaseProvisioner(elsewhere, null, null).clock(Clock.fixed(DAY_ONE, ZoneOffset.UTC))
                .ensureFresh(sample(), Duration.ofDays(1));

        Path used = provisioner(DAY_ONE.plus(Duration.ofDays(30))).ensureFresh(DatabaseSource.parse(old.toString()), Duration.ofDays(1));

        assertEquals(old, used);
        assertEquals(DAY_ONE, info(old).builtAt());
        assertEquals(List.of(Duration.ofDays(30)), agesReported);
        assertFalse(Files.exists(cache.resolve("portcullis.db")));
    }

    @Test
    void aMissingBuiltDatabaseIsOneClearError() {
        InputException e = assertThrows(InputException.class, () -> DatabaseSource.parse(cache.resolve("gone.db").toString()));
        assertEquals("no vulnerability database at " + cache.resolve("gone.db"), e.getMessage());
    }

    @Test
    void twoBuildsRacingForAnEmptyCacheBuildOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Instant>> builds = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                // Distinct clocks: whichever build ran second would stamp its own time on a DB it built.
                Instant now = DAY_ONE.plusSeconds(i);
                builds.add(pool.submit(() -> {
                    start.await();
                    Path database = provisioner(now).ensureFresh(sample(), Duration.ofDays(1));
                    return info(database).builtAt();
                }));
            }
            start.countDown();
            Instant first = builds.get(0).get();
            Instant second = builds.get(1).get();
            assertEquals(first, second, "both builds end with the same DB");
            assertEquals(first, info(cache.resolve("portcullis.db")).builtAt(), "and it was not replaced afterwards");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsTheMavenChecksumIndexForEveryMavenArtifactTheRecordsName() throws Exception {
        Set<String> artifacts = mavenArtifactsOf(GHSA_SAMPLE);
        try (MockWebServer repository = new MockWebServer()) {
            repository.setDispatcher(new PublishedOneVersionEach());
            repository.start();

            Path database = provisioner(DAY_ONE).mavenIndex(repository.url("/maven2/").toString())
                    .ensureFresh(sample(), Duration.ofDays(1));

            assertEquals(List.of(), warnings);
            try (MavenChecksumIndex index = MavenChecksumIndex.open(MavenChecksumIndex.besides(database))) {
                for (String artifact : artifacts) {
                    String[] ga = artifact.split(":");
                    assertEquals(List.of(new MavenCoordinates(ga[0], ga[1], "1.0")), index.find(sha1(artifact)), artifact);
                }
                assertEquals(artifacts.size(), index.counts().artifacts());
            }
        }
    }

    /** The Azure DevOps task's path: the agent's proxy given to the provisioner carries the OSV download and the Maven index. */
    @Test
    void theOsvDownloadAndTheMavenIndexGoThroughTheProxy() throws Exception {
        byte[] zip = Files.readAllBytes(GHSA_SAMPLE);
        try (MockWebServer osv = new MockWebServer(); MockWebServer repository = new MockWebServer();
             io.portcullis.testing.LoopbackProxy proxy = io.portcullis.testing.LoopbackProxy.open()) {
            osv.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setBody(new okio.Buffer().write(zip));
                }
            });
            osv.start();
            repository.setDispatcher(new PublishedOneVersionEach());
            repository.start();

            Path database = provisioner(DAY_ONE).registryAccess(RegistryCredentials.none(), Set.of(), null,
                            ProxySettings.of(proxy.uri(), List.of()))
                    .mavenIndex(repository.url("/maven2/").toString())
                    .ensureFresh(DatabaseSource.parse(osv.url("/osv/all.zip").toString()), Duration.ofDays(1));

            assertEquals(DAY_ONE, info(database).builtAt());
            List<String> targets = proxy.received().stream().map(io.portcullis.testing.LoopbackProxy.Received::target).toList();
            assertTrue(targets.contains(osv.url("/osv/all.zip").toString()), targets.toString());
            assertTrue(targets.stream().anyMatch(t -> t.startsWith(repository.url("/maven2/").toString()) && t.endsWith("/maven-metadata.xml")),
                    targets.toString());
            assertEquals(proxy.received().size(), osv.getRequestCount() + repository.getRequestCount(), "nothing went around the proxy");
        }
    }

    @Test
    void anUnreachableMavenRepositoryIsAWarningAndTheDatabaseIsStillUsable() throws IOException {
        String unreachable;
        try (MockWebServer closed = new MockWebServer()) {
            closed.start();
            unreachable = closed.url("/maven2/").toString();
        }

        Path database = provisioner(DAY_ONE).mavenIndex(unreachable).ensureFresh(sample(), Duration.ofDays(1));

        assertEquals(DAY_ONE, info(database).builtAt());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(ScanWarning.Kind.MAVEN_INDEX, warnings.get(0).kind());
        assertTrue(warnings.get(0).message().startsWith("cannot reach Maven repository "), warnings.get(0).message());
        assertFalse(Files.exists(MavenChecksumIndex.besides(database)));
    }

    @Test
    void withoutAMavenRepositoryNoIndexIsBuilt() {
        Path database = provisioner(DAY_ONE).ensureFresh(sample(), Duration.ofDays(1));

        assertFalse(Files.exists(MavenChecksumIndex.besides(database)));
        assertNotEquals(List.of(), agesReported);
    }

    /** {@code groupId:artifactId} of every Maven package the zip's records affect, read straight from the records. */
    private static Set<String> mavenArtifactsOf(Path zip) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> names = new TreeSet<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                if (!entry.getName().endsWith(".json")) {
                    continue;
                }
                JsonNode record = json.readTree(entries.readAllBytes());
                for (JsonNode affected : record.path("affected")) {
                    if ("Maven".equals(affected.path("package").path("ecosystem").asText())) {
                        names.add(affected.path("package").path("name").asText());
                    }
                }
            }
        }
        assertFalse(names.isEmpty(), "the GHSA sample names Maven artifacts");
        return names;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A Maven repository layout where every artifact has published exactly version 1.0, its jar's SHA-1 derived from its name. */
    private static final class PublishedOneVersionEach extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String[] path = request.getRequestUrl().encodedPath().substring("/maven2/".length()).split("/");
            int n = path.length;
            if (n >= 3 && path[n - 1].equals("maven-metadata.xml")) {
                String artifactId = path[n - 2];
                String groupId = String.join(".", List.of(path).subList(0, n - 2));
                return new MockResponse().setBody("<metadata><groupId>" + groupId + "</groupId><artifactId>" + artifactId
                        + "</artifactId><versioning><versions><version>1.0</version></versions></versioning></metadata>");
            }
            if (n >= 4 && path[n - 2].equals("1.0") && path[n - 1].equals(path[n - 3] + "-1.0.jar.sha1")) {
                String groupId = String.join(".", List.of(path).subList(0, n - 3));
                return new MockResponse().setBody(sha1(groupId + ":" + path[n - 3]));
            }
            return new MockResponse().setResponseCode(404);
        }
    }
}
