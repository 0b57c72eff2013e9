package io.portcullis.vulndb.oci;

import io.portcullis.testing.RealRegistry;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code oci://} sources on a real registry that requires htpasswd Basic authentication. */
class OciSourceAuthTest {

    private static final String USER = "osv-reader";
    private static final String PASSWORD = "Tr0ub4dor&3-osv";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    @TempDir
    static Path layouts;

    static int entries;

    @TempDir
    Path dir;

    @BeforeAll
    static void push() throws IOException {
        Path zip = SharedData.osvZip("Alpine.zip");
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            entries = zipFile.size();
        }
        OsvArtifactLayout layout = OsvArtifactLayout.write(layouts.resolve("alpine"), zip, OsvSource.Oci.OSV_ZIP_MEDIA_TYPE, "latest");
        REGISTRY.push(layout.directory(), "latest", "osv/alpine:latest", false);
    }

    private String source() {
        return "oci://" + REGISTRY.hostPort() + "/osv/alpine:latest";
    }

    @Test
    void importsWithThePasswordFromStandardInput() throws Exception {
        Path db = dir.resolve("portcullis.db");
        CliProcess run = CliProcess.run(PASSWORD + "\n", "db", "import", "--db", db.toString(),
                "--insecure-registry", REGISTRY.hostPort(), "--username", USER, "--password-stdin", source());
        assertEquals(0, run.exit(), run.err());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            // Counts are per ecosystem family: every record of the zip is an accepted Alpine record.
            assertEquals(entries, vulnDb.info().recordCounts().get("Alpine"), run.out());
            assertFalse(run.out().contains("rejected"), run.out());
        }
        assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD));
    }

    @Test
    void wrongPasswordFailsWithoutShowingIt() throws Exception {
        String wrong = "not-the-Password-42";
        CliProcess run = CliProcess.run(wrong + "\n", "db", "import", "--db", dir.resolve("portcullis.db").toString(),
                "--insecure-registry", REGISTRY.hostPort(), "--username", USER, "--password-stdin", source());
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.err().contains("authentication failed for " + REGISTRY.hostPort()), run.err());
        assertTrue(run.err().contains(source()), run.err());
        assertFalse(run.err().contains(wrong) || run.out().contains(wrong), run.err());
        assertFalse(Files.exists(dir.resolve("portcullis.db")));
    }

    @Test
    void explicitCredentialsNeedExactlyOneRegistry() throws Exception {
        CliProcess run = CliProcess.run(PASSWORD + "\n", "db", "import", "--db", dir.resolve("portcullis.db").toString(),
                "--insecure-registry", REGISTRY.hostPort(), "--username", USER, "--password-stdin",
                source(), "oci://127.0.0.2:" + REGISTRY.port() + "/osv/alpine:latest");
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.err().contains("--username/--password-stdin need exactly one registry"), run.err());
        assertFalse(run.err().contains(PASSWORD));
    }
}
