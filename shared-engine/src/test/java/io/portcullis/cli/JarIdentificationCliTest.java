package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.vulndb.MavenChecksumIndex;
import io.portcullis.vulndb.MavenChecksumIndexBuilder;
import io.portcullis.vulndb.MavenIndexUpdate;
import io.portcullis.vulndb.MavenRepository;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.VulnDbBuilder;
import io.portcullis.match.Matcher;
import io.portcullis.testing.MavenCentral;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jars without pom.properties, straight from Maven Central, in a docker-archive image, scanned through the CLI
 * against the real GHSA records: Spring4Shell in spring-beans 5.3.17 and CVE-2021-42392 in h2 1.4.197 are found
 * through the SHA-1 index (built here from Maven Central for the handful of artifacts in the image), the expected
 * findings are computed from the records with Maven's own version order, and a jar renamed after a vulnerable
 * artifact is reported as what its bytes are.
 */
class JarIdentificationCliTest {

    private static final Path GHSA_ZIP = Path.of("../shared/data/osv/GHSA-sample.zip");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPRING_BEANS = "org.springframework:spring-beans";
    private static final String SPRING_CORE = "org.springframework:spring-core";
    private static final String H2 = "com.h2database:h2";
    private static final String EQUINOX = "org.eclipse.platform:org.eclipse.equinox.common";

    @TempDir
    static Path shared;
    static Path image;
    static Path indexedDb;
    static Path dataOnlyDb;
    static MavenIndexUpdate firstBuild;
    static Map<String, String> centralSha1 = new TreeMap<>();

    @BeforeAll
    static void imageDbAndIndex() throws Exception {
        byte[] springBeans = Files.readAllBytes(MavenCentral.jar("org.springframework", "spring-beans", "5.3.17"));
        byte[] springCore = Files.readAllBytes(MavenCentral.jar("org.springframework", "spring-core", "5.3.17"));
        byte[] h2 = Files.readAllBytes(MavenCentral.jar("com.h2database", "h2", "1.4.197"));
        byte[] equinox = Files.readAllBytes(MavenCentral.jar("org.eclipse.platform", "org.eclipse.equinox.common", "3.18.0"));
        centralSha1.put(SPRING_BEANS, MavenCentral.publishedSha1("org.springframework", "spring-beans", "5.3.17"));
        centralSha1.put(SPRING_CORE, MavenCentral.publishedSha1("org.springframework", "spring-core", "5.3.17"));
        centralSha1.put(H2, MavenCentral.publishedSha1("com.h2database", "h2", "1.4.197"));
        centralSha1.put(EQUINOX, MavenCentral.publishedSha1("org.eclipse.platform", "org.eclipse.equinox.common", "3.18.0"));

        byte[] layer = new HandMadeImages.LayerTar()
                .file("app/lib/spring-beans-5.3.17.jar", springBeans)
                .file("app/lib/spring-core-5.3.17.jar", springCore)
                .file("app/lib/h2-1.4.197.jar", h2)
                .file("app/plugins/org.eclipse.equinox.common-3.18.0.jar", equinox)
                // spring-webmvc 5.3.17 is affected by Spring4Shell; these bytes are spring-core's.
                .file("app/lib/spring-webmvc-5.3.17.jar", springCore)
                .file("app/demo-0.0.1.jar", bootJar(Map.of("BOOT-INF/lib/spring-beans-5.3.17.jar", springBeans)))
                .bytes();
        image = HandMadeImages.dockerArchive(shared.resolve("image.tar"), layer, true);

        indexedDb = shared.resolve("indexed/portcullis.db");
        dataOnlyDb = shared.resolve("data-only/portcullis.db");
        for (Path db : List.of(indexedDb, dataOnlyDb)) {
            new VulnDbBuilder(db).add(new OsvSource.Zip(GHSA_ZIP)).build();
        }
        firstBuild = new MavenChecksumIndexBuilder(MavenChecksumIndex.besides(indexedDb), new MavenRepository(MavenRepository.CENTRAL))
                .concurrency(12)
                .update(List.of(SPRING_BEANS, SPRING_CORE, H2, EQUINOX));
    }

    @Test
    void indexLookupsAgreeWithTheSha1FilesMavenCentralPublishes() throws Exception {
        assertEquals(List.of(), firstBuild.failures());
        assertEquals(4, firstBuild.counts().artifacts());
        assertTrue(firstBuild.counts().jars() > 100, firstBuild.toString());
        try (MavenChecksumIndex index = MavenChecksumIndex.open(MavenChecksumIndex.besides(indexedDb))) {
            assertEquals("[org.springframework:spring-beans:5.3.17]", index.find(centralSha1.get(SPRING_BEANS)).toString());
            assertEquals("[org.springframework:spring-core:5.3.17]", index.find(centralSha1.get(SPRING_CORE)).toString());
            assertEquals("[com.h2database:h2:1.4.197]", index.find(centralSha1.get(H2)).toString());
            // Versions the image does not hold, checked against their own published .sha1 files.
            for (String[] other : List.of(new String[] {"com.h2database", "h2", "2.1.214"},
                    new String[] {"org.springframework", "spring-beans", "5.2.19.RELEASE"})) {
                String published = MavenCentral.publishedSha1(other[0], other[1], other[2]);
                assertEquals("[" + String.join(":", other) + "]", index.find(published).toString());
            }
        }
    }

    @Test
    void secondUpdateFetchesNothingNew() {
        MavenIndexUpdate again = new MavenChecksumIndexBuilder(MavenChecksumIndex.besides(indexedDb), new MavenRepository(MavenRepository.CENTRAL))
                .update(List.of(SPRING_BEANS, SPRING_CORE, H2, EQUINOX));
        assertEquals(0, again.newVersions());
        assertEquals(4, again.unchanged());
        assertEquals(firstBuild.counts(), again.counts());
    }

    @Test
    void findingsAreThoseTheRecordsGiveForWhatTheJarsAre() throws Exception {
        JsonNode report = scan(indexedDb, "indexed");
        Map<String, Set<String>> installed = new TreeMap<>();
        installed.put("Maven|" + SPRING_BEANS, Set.of("5.3.17"));
        installed.put("Maven|" + SPRING_CORE, Set.of("5.3.17"));
        installed.put("Maven|" + H2, Set.of("1.4.197"));
        installed.put("Maven|" + EQUINOX, Set.of("3.18.0"));
        Map<String, ScanCommandGhsaReference.Expected> expected = ScanCommandGhsaReference.affected(GHSA_ZIP, installed);
        assertTrue(expected.containsKey("GHSA-36p3-wjmg-h94x " + SPRING_BEANS + "@5.3.17"), expected.keySet().toString());
        assertTrue(expected.containsKey("GHSA-h376-j262-vhq6 " + H2 + "@1.4.197"), expected.keySet().toString());

        Set<String> actual = new TreeSet<>();
        for (JsonNode finding : report.path("findings")) {
            String key = finding.path("id").asText() + " " + finding.path("package").path("name").asText() + "@"
                    + finding.path("package").path("version").asText();
            assertTrue(actual.add(key), "one finding per package and vulnerability: " + key);
            assertEquals(expected.get(key).severity(), finding.path("severity").asText(), key);
            assertFalse(finding.path("summary").asText().startsWith(Matcher.LOW_CONFIDENCE_PREFIX), key);
        }
        assertEquals(new TreeSet<>(expected.keySet()), actual);
        long critical = expected.values().stream().filter(e -> e.severity().equals("CRITICAL")).count();
        assertEquals(critical, report.path("summary").path("open").path("CRITICAL").asLong());

        JsonNode spring4Shell = finding(report, "GHSA-36p3-wjmg-h94x");
        assertEquals(Set.of("app/lib/spring-beans-5.3.17.jar", "app/demo-0.0.1.jar!/BOOT-INF/lib/spring-beans-5.3.17.jar"),
                paths(spring4Shell.path("package").path("locations")));
    }

    @Test
    void aJarNamedAfterAVulnerableArtifactIsReportedAsWhatItsChecksumSays() throws Exception {
        JsonNode report = scan(indexedDb, "renamed");
        for (JsonNode finding : report.path("findings")) {
            assertFalse(finding.path("package").path("name").asText().endsWith("spring-webmvc"), finding.toString());
        }
        Path sbom = shared.resolve("renamed.cdx.json");
        CliRun run = CliRun.of("scan", "docker-archive:" + image, "--db", indexedDb.toString(), "--format", "cyclonedx=" + sbom);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.toString());
        List<String> webmvcNamed = new ArrayList<>();
        for (JsonNode component : JSON.readTree(sbom.toFile()).path("components")) {
            for (JsonNode occurrence : component.path("evidence").path("occurrences")) {
                if (occurrence.path("location").asText().equals("app/lib/spring-webmvc-5.3.17.jar")) {
                    webmvcNamed.add(component.path("group").asText() + ":" + component.path("name").asText() + "@"
                            + component.path("version").asText());
                }
            }
        }
        assertEquals(List.of(SPRING_CORE + "@5.3.17"), webmvcNamed);
    }

    @Test
    void theSbomSaysHowEachJarWasIdentifiedAndCarriesItsSha1() throws Exception {
        Path sbom = shared.resolve("indexed.cdx.json");
        CliRun run = CliRun.of("scan", "docker-archive:" + image, "--db", indexedDb.toString(), "--format", "cyclonedx=" + sbom);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.toString());
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode component : JSON.readTree(sbom.toFile()).path("components")) {
            byName.putIfAbsent(component.path("group").asText() + ":" + component.path("name").asText(), component);
        }
        for (String name : List.of(SPRING_BEANS, SPRING_CORE, H2, EQUINOX)) {
            JsonNode component = byName.get(name);
            assertTrue(component != null, name + " in " + byName.keySet());
            JsonNode identity = component.path("evidence").path("identity");
            JsonNode first = identity.isArray() ? identity.path(0) : identity;
            assertEquals("purl", first.path("field").asText(), component.toString());
            assertEquals("hash-comparison", first.path("methods").path(0).path("technique").asText(), component.toString());
            assertEquals("sha1:" + centralSha1.get(name), first.path("methods").path(0).path("value").asText());
            JsonNode hash = component.path("hashes").path(0);
            assertEquals("SHA-1", hash.path("alg").asText());
            assertEquals(centralSha1.get(name), hash.path("content").asText());
        }
    }

    @Test
    void withoutTheIndexAFileNameMatchIsMarkedAndAnUnknownJarIsNamedInAWarning() throws Exception {
        Path json = shared.resolve("data-only.json");
        CliRun run = CliRun.of("scan", "docker-archive:" + image, "--db", dataOnlyDb.toString(), "--format", "json=" + json);
        JsonNode report = JSON.readTree(json.toFile());
        JsonNode spring4Shell = finding(report, "GHSA-36p3-wjmg-h94x");
        assertEquals(SPRING_BEANS, spring4Shell.path("package").path("name").asText());
        assertTrue(spring4Shell.path("summary").asText().startsWith(Matcher.LOW_CONFIDENCE_PREFIX), spring4Shell.toString());
        assertEquals(H2, finding(report, "GHSA-h376-j262-vhq6").path("package").path("name").asText());
        // spring-core is named by no record, so without the index nothing confirms its group.
        assertTrue(run.stderr().contains("app/lib/spring-core-5.3.17.jar: jar not identified as a Maven artifact"), run.stderr());
        assertFalse(run.stderr().contains("no valid purl"), run.stderr());
        // The renamed jar's manifest says spring-core, so its file name is not believed either.
        for (JsonNode finding : report.path("findings")) {
            assertFalse(finding.path("package").path("name").asText().endsWith("spring-webmvc"), finding.toString());
        }
    }

    private static JsonNode scan(Path db, String name) throws Exception {
        Path json = shared.resolve(name + ".json");
        CliRun run = CliRun.of("scan", "docker-archive:" + image, "--db", db.toString(), "--format", "json=" + json);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.toString());
        assertFalse(run.stderr().contains("not identified"), run.stderr());
        return JSON.readTree(json.toFile());
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id)) {
                return finding;
            }
        }
        throw new AssertionError("no finding " + id + " in " + report.path("findings"));
    }

    private static Set<String> paths(JsonNode locations) {
        Set<String> paths = new TreeSet<>();
        locations.forEach(l -> paths.add(l.path("path").asText()));
        return paths;
    }

    /**
     * A Spring Boot executable jar as the Boot Maven plugin writes it: the application's manifest and pom.properties,
     * libraries stored uncompressed under BOOT-INF/lib.
     */
    private static byte[] bootJar(Map<String, byte[]> libraries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\n"
                    + "Start-Class: com.example.demo.DemoApplication\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/com.example/demo/pom.properties"));
            zip.write("groupId=com.example\nartifactId=demo\nversion=0.0.1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> library : libraries.entrySet()) {
                ZipEntry entry = new ZipEntry(library.getKey());
                CRC32 crc = new CRC32();
                crc.update(library.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(library.getValue().length);
                entry.setCompressedSize(library.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(library.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
