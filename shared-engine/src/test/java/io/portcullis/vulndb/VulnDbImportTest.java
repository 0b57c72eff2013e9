package io.portcullis.vulndb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Imports ALL of ../shared/data/osv and checks the DB against the zips' own contents. */
class VulnDbImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path db;
    static ImportReport report;

    @BeforeAll
    static void importAll() {
        db = dir.resolve("portcullis.db");
        VulnDbBuilder builder = new VulnDbBuilder(db);
        SharedData.allOsvZips().forEach(z -> builder.add(new OsvSource.Zip(z)));
        report = builder.build();
    }

    @Test
    void countsPerEcosystemAreTheZipRecordsLessTheRejectedOnes() throws IOException {
        Set<String> rejectedIds = new HashSet<>();
        for (Rejection rejection : report.rejections()) {
            // Every rejection says what is wrong with which record.
            assertFalse(rejection.detail() == null || rejection.detail().isBlank(), rejection.toString());
            rejectedIds.add(rejection.recordId());
        }
        Map<String, Integer> expected = new HashMap<>();
        int entries = 0;
        for (Path zip : SharedData.allOsvZips()) {
            try (ZipFile zipFile = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> all = zipFile.entries();
                while (all.hasMoreElements()) {
                    ZipEntry entry = all.nextElement();
                    entries++;
                    JsonNode record = JSON.readTree(zipFile.getInputStream(entry));
                    if (rejectedIds.contains(record.path("id").asText())) {
                        continue;
                    }
                    Set<String> ecosystems = new HashSet<>();
                    for (JsonNode affected : record.path("affected")) {
                        String ecosystem = affected.path("package").path("ecosystem").asText();
                        ecosystems.add(ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem);
                    }
                    ecosystems.forEach(e -> expected.merge(e, 1, Integer::sum));
                }
            }
        }
        assertTrue(entries > 24_000, "expected about 25,000 records, zips hold " + entries);
        assertEquals(expected, report.accepted());
        assertEquals(expected, report.info().recordCounts());
    }

    @Test
    void perZipCountsMatchTheZipEntryCounts() throws IOException {
        // The single-ecosystem zips: every entry is one record of that ecosystem, less the rejected ones of that zip.
        for (String ecosystem : List.of("AlmaLinux", "Alpine", "Debian", "Go", "PyPI", "crates.io")) {
            Path zip = SharedData.osvZip(ecosystem + ".zip");
            long rejected = report.rejections().stream().filter(r -> r.source().startsWith(zip.toAbsolutePath().normalize() + "!/")).count();
            try (ZipFile zipFile = new ZipFile(zip.toFile())) {
                assertEquals(zipFile.size() - rejected, report.accepted().get(ecosystem).longValue(), ecosystem);
            }
        }
    }

    @Test
    void metadataDescribesTheBuild() {
        try (VulnDb vulnDb = VulnDb.open(db)) {
            DatabaseInfo info = vulnDb.info();
            assertEquals(2, info.schemaVersion());
            assertEquals(report.info(), info);
            assertEquals(SharedData.allOsvZips().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(),
                    info.sources());
            assertTrue(info.checksum().matches("sha256:[0-9a-f]{64}"), info.checksum());
            assertTrue(Duration.between(info.builtAt(), Instant.now()).toMinutes() < 30);
            assertTrue(vulnDb.warnings().isEmpty(), vulnDb.warnings().toString());
        }
    }

    @Test
    void lookupReturnsTheRecordsAffectedEntries() throws IOException {
        // DSA-5380-1 names xorg-server in Debian:11, fixed in 2:1.20.11-1+deb11u6 (from the record itself).
        JsonNode record;
        try (ZipFile zipFile = new ZipFile(SharedData.osvZip("Debian.zip").toFile())) {
            record = JSON.readTree(zipFile.getInputStream(zipFile.getEntry("DSA-5380-1.json")));
        }
        try (VulnDb vulnDb = VulnDb.open(db)) {
            List<AffectedPackage> entries = vulnDb.affected("Debian:11", "xorg-server");
            AffectedPackage entry = entries.stream().filter(a -> a.vulnerabilityId().equals("DSA-5380-1")).findFirst().orElseThrow();
            assertEquals(record.at("/affected/0/ranges/0/events/1/fixed").asText(), entry.ranges().get(0).events().get(1).version());
            Vulnerability vulnerability = vulnDb.vulnerability("DSA-5380-1").orElseThrow();
            assertEquals(List.of(record.at("/upstream/0").asText()), vulnerability.upstream());
            assertEquals(record.at("/references/0/url").asText(), vulnerability.references().get(0));
        }
    }

    @Test
    void withdrawnRecordsAreStoredButNeverIndexed() throws IOException {
        Set<String> withdrawn = new HashSet<>();
        Map<String, String> packageOf = new HashMap<>();
        try (ZipFile zipFile = new ZipFile(SharedData.osvZip("Go.zip").toFile())) {
            Enumeration<? extends ZipEntry> all = zipFile.entries();
            while (all.hasMoreElements()) {
                JsonNode record = JSON.readTree(zipFile.getInputStream(all.nextElement()));
                if (record.hasNonNull("withdrawn")) {
                    withdrawn.add(record.path("id").asText());
                    packageOf.put(record.path("id").asText(), record.at("/affected/0/package/name").asText());
                }
            }
        }
        assertFalse(withdrawn.isEmpty(), "Go.zip has withdrawn records");
        try (VulnDb vulnDb = VulnDb.open(db)) {
            for (String id : withdrawn) {
                assertTrue(vulnDb.vulnerability(id).orElseThrow().withdrawn() != null, id);
                assertTrue(vulnDb.affected("Go", packageOf.get(id)).stream().noneMatch(a -> a.vulnerabilityId().equals(id)), id);
            }
        }
    }

    @Test
    void staleDatabaseWarnsOrFailsAsTold() {
        Clock later = Clock.fixed(report.info().builtAt().plus(Duration.ofDays(10)), ZoneOffset.UTC);
        try (VulnDb vulnDb = VulnDb.open(db, new Freshness(Duration.ofDays(7), false, later))) {
            assertEquals(1, vulnDb.warnings().size());
            assertTrue(vulnDb.warnings().get(0).contains("10 days old"), vulnDb.warnings().get(0));
        }
        InputException e = assertThrows(InputException.class,
                () -> VulnDb.open(db, new Freshness(Duration.ofDays(7), true, later)));
        assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("db update"), e.getMessage());
    }

    @Test
    void otherSchemaVersionIsRefused(@TempDir Path other) throws Exception {
        Path copy = other.resolve("old.db");
        Files.copy(db, copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE metadata SET value = '0' WHERE key = 'schema_version'");
        }
        InputException e = assertThrows(InputException.class, () -> VulnDb.open(copy));
        assertTrue(e.getMessage().contains("schema version 0") && e.getMessage().contains(copy.toString()), e.getMessage());
    }

    @Test
    void missingDatabaseIsAnInputError(@TempDir Path empty) {
        InputException e = assertThrows(InputException.class, () -> VulnDb.open(empty.resolve("none.db")));
        assertTrue(e.getMessage().contains("none.db"), e.getMessage());
    }
}
