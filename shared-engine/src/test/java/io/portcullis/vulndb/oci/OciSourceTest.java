package io.portcullis.vulndb.oci;

import io.portcullis.image.registry.RegistryOptions;
import io.portcullis.testing.RealRegistry;
import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.MavenChecksumIndexBuilder;
import io.portcullis.vulndb.MavenRepository;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.testing.MavenCentral;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OSV zips pushed as OCI artifacts to a real registry (Debian's docker-registry) with skopeo, from an OCI layout
 * written as the image spec describes artifacts, then imported through {@code oci://} sources.
 */
class OciSourceTest {

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    @TempDir
    static Path layouts;

    static OsvArtifactLayout crates;
    static OsvArtifactLayout ghsa;
    static int cratesEntries;

    @TempDir
    Path dir;

    @BeforeAll
    static void push() throws IOException {
        Path cratesZip = SharedData.osvZip("crates.io.zip");
        try (ZipFile zip = new ZipFile(cratesZip.toFile())) {
            cratesEntries = zip.size();
        }
        crates = OsvArtifactLayout.write(layouts.resolve("crates"), cratesZip, OsvSource.Oci.OSV_ZIP_MEDIA_TYPE, "latest");
        REGISTRY.push(crates.directory(), "latest", "osv/crates-io:latest", false);
        // Only the tamper test reads this blob: the registry stores blobs once for all repositories.
        ghsa = OsvArtifactLayout.write(layouts.resolve("ghsa"), SharedData.osvZip("GHSA-sample.zip"), "application/zip", "v1");
        REGISTRY.push(ghsa.directory(), "v1", "osv/tampered:v1", false);
        OsvArtifactLayout tarGz = OsvArtifactLayout.write(layouts.resolve("targz"), cratesZip,
                "application/vnd.oci.image.layer.v1.tar+gzip", "latest");
        REGISTRY.push(tarGz.directory(), "latest", "osv/not-a-zip-type:latest", false);
    }

    private static String oci(String repositoryAndTag) {
        return "oci://" + REGISTRY.hostPort() + "/" + repositoryAndTag;
    }

    @Test
    void importByTagReadsEveryRecordOfTheZip() throws Exception {
        Path db = dir.resolve("portcullis.db");
        CliProcess run = CliProcess.run("", "db", "import", "--db", db.toString(),
                "--insecure-registry", REGISTRY.hostPort(), oci("osv/crates-io:latest"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("crates.io: " + cratesEntries + " records"), run.out());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertEquals(java.util.List.of(oci("osv/crates-io:latest")), vulnDb.info().sources());
            assertEquals(cratesEntries, vulnDb.info().recordCounts().get("crates.io"));
        }
    }

    @Test
    void pinnedDigestIsFetchedOnceAndThenUnchanged() throws Exception {
        Path db = dir.resolve("portcullis.db");
        OsvSource source = OsvSource.parse(oci("osv/crates-io@" + crates.manifestDigest()));
        RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(Set.of(REGISTRY.hostPort()));
        ImportReport first = new VulnDbBuilder(db).add(source).registryOptions(options).build();
        assertTrue(first.rebuilt());
        assertEquals(cratesEntries, first.accepted().get("crates.io"));
        Path cached = dir.resolve("downloads").resolve(crates.zipDigest().substring("sha256:".length()) + ".zip");
        assertTrue(Files.isRegularFile(cached), "the verified blob is cached under its digest");
        assertEquals(Files.mismatch(cached, SharedData.osvZip("crates.io.zip")), -1L, "the cached blob is the pushed zip");

        ImportReport second = new VulnDbBuilder(db).add(source).registryOptions(options).build();
        assertFalse(second.rebuilt(), "same manifest, blob already cached: DB kept");
        assertEquals(first.info().checksum(), second.info().checksum());
    }

    @Test
    void updateTakesOciSources() throws Exception {
        Path db = dir.resolve("portcullis.db");
        String[] update = {"db", "update", "--db", db.toString(), "--insecure-registry", REGISTRY.hostPort(),
                "--source", oci("osv/crates-io:latest")};
        CliProcess first = CliProcess.run("", update);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("crates.io: " + cratesEntries + " records"), first.out());
        CliProcess second = CliProcess.run("", update);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("unchanged"), second.out());

        CliProcess mixed = CliProcess.run("", "db", "update", "--db", db.toString(), "--source", oci("osv/crates-io:latest"),
                "--ecosystem", "Alpine");
        assertEquals(2, mixed.exit(), mixed.err());
    }

    /** A mirror publishes the Maven checksum index in the same artifact, so an air-gapped agent needs one pull (not the GHSA blob: another test tampers with it). */
    @Test
    void anArtifactCarryingTheMavenIndexInstallsItBesideTheDb() throws Exception {
        Path built = dir.resolve("mirror/portcullis.maven-index.db");
        new MavenChecksumIndexBuilder(built, new MavenRepository(MavenRepository.CENTRAL))
                .update(List.of("org.apache.commons:commons-collections4"));
        OsvArtifactLayout withIndex = OsvArtifactLayout.write(dir.resolve("with-index"), SharedData.osvZip("crates.io.zip"),
                OsvSource.Oci.OSV_ZIP_MEDIA_TYPE, "latest", Map.of(built, OsvSource.Oci.MAVEN_INDEX_MEDIA_TYPE));
        REGISTRY.push(withIndex.directory(), "latest", "osv/with-maven-index:latest", false);

        Path db = dir.resolve("agent/portcullis.db");
        CliProcess run = CliProcess.run("", "db", "update", "--db", db.toString(), "--insecure-registry", REGISTRY.hostPort(),
                "--source", oci("osv/with-maven-index:latest"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("installed from the OCI source"), run.out());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            String published = MavenCentral.publishedSha1("org.apache.commons", "commons-collections4", "4.0");
            assertEquals("[org.apache.commons:commons-collections4:4.0]",
                    vulnDb.mavenIndex().orElseThrow().find(published).toString());
        }
    }

    @Test
    void tamperedBlobFailsAndKeepsTheOldDb() throws Exception {
        Path db = dir.resolve("portcullis.db");
        DatabaseInfo before = new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("crates.io.zip"))).build().info();
        Path stored = REGISTRY.blobData(ghsa.zipDigest());
        try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0xff);
        }
        CliProcess run = CliProcess.run("", "db", "import", "--db", db.toString(),
                "--insecure-registry", REGISTRY.hostPort(), oci("osv/tampered:v1"));
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.err().contains("digest mismatch") && run.err().contains(ghsa.zipDigest()), run.err());
        assertTrue(run.err().contains("oci://" + REGISTRY.hostPort() + "/osv/tampered:v1"), run.err());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertEquals(before.checksum(), vulnDb.info().checksum());
        }
        try (var files = Files.list(dir.resolve("downloads"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".download-")), "no partial download left");
        }
    }

    @Test
    void artifactWithoutZipBlobIsRejectedNamingWhatItHolds() throws Exception {
        CliProcess run = CliProcess.run("", "db", "import", "--db", dir.resolve("portcullis.db").toString(),
                "--insecure-registry", REGISTRY.hostPort(), oci("osv/not-a-zip-type:latest"));
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.err().contains("has no blob of media type application/vnd.portcullis.osv.zip or application/zip"
                + " (found: application/vnd.oci.image.layer.v1.tar+gzip)"), run.err());
        assertFalse(Files.exists(dir.resolve("portcullis.db")));
    }

    @Test
    void plainHttpRegistryIsNotUsedUnlessNamedInsecure() throws Exception {
        CliProcess run = CliProcess.run("", "db", "import", "--db", dir.resolve("portcullis.db").toString(),
                oci("osv/crates-io:latest"));
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.err().contains("TLS connection to " + REGISTRY.hostPort()), run.err());
    }
}
