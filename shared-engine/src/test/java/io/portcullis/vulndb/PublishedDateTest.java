package io.portcullis.vulndb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema 2 keeps each record's {@code published} date (PCI DSS 6.2 ages findings by it); a version 1 file asks to be rebuilt. */
class PublishedDateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GHSA_ZIP = SharedData.osvZip("GHSA-sample.zip");

    @TempDir
    Path dir;

    @Test
    void theRecordsPublishedDateIsStoredAsWrittenAndAbsentStaysAbsent() throws IOException {
        Path db = dir.resolve("portcullis.db");
        VulnDbBuilder builder = new VulnDbBuilder(db);
        builder.add(new OsvSource.Zip(GHSA_ZIP));
        builder.add(new OsvSource.Zip(SharedData.osvZip("Alpine.zip")));
        builder.build();
        String published;
        try (ZipFile zip = new ZipFile(GHSA_ZIP.toFile())) {
            published = JSON.readTree(zip.getInputStream(zip.getEntry("GHSA-jfh8-c2jp-5v3q.json"))).path("published").asText();
        }
        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertEquals(2, vulnDb.info().schemaVersion());
            assertEquals(published, vulnDb.vulnerability("GHSA-jfh8-c2jp-5v3q").orElseThrow().published());
            // Alpine's secdb records have no published field.
            assertNull(vulnDb.vulnerability("ALPINE-CVE-2012-2738").orElseThrow().published());
        }
    }

    @Test
    void aVersionOneDatabaseIsRefusedWithTheRebuildCommandAndAnUpdateReplacesIt() throws Exception {
        Path db = dir.resolve("portcullis.db");
        VulnDbBuilder builder = new VulnDbBuilder(db);
        builder.add(new OsvSource.Zip(GHSA_ZIP));
        builder.build();
        // What Portcullis wrote before schema 2: no published column, schema_version 1.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE vulnerability DROP COLUMN published");
            s.executeUpdate("UPDATE metadata SET value = '1' WHERE key = 'schema_version'");
        }
        InputException e = assertThrows(InputException.class, () -> VulnDb.open(db));
        assertEquals("vulnerability database " + db + " has schema version 1, this Portcullis reads version 2; run 'portcullis db update'",
                e.getMessage());
        VulnDbBuilder rebuild = new VulnDbBuilder(db);
        rebuild.add(new OsvSource.Zip(GHSA_ZIP));
        rebuild.build();
        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertTrue(vulnDb.vulnerability("GHSA-jfh8-c2jp-5v3q").orElseThrow().published() != null);
        }
        assertTrue(Files.isRegularFile(db));
    }
}
