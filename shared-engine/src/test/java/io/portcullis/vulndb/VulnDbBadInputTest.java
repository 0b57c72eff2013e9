package io.portcullis.vulndb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad records are counted and reported by reason and id while the import goes on; bad sources fail it and keep the old DB. */
class VulnDbBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void badRecordsAreRejectedByReasonAndTheRestIsImported() throws IOException {
        Path records = Files.createDirectories(dir.resolve("records"));
        ObjectNode good = realRecord("Debian.zip", "DSA-5380-1.json");
        write(records, "DSA-5380-1.json", good.toString());
        write(records, "broken.json", "{\"id\": \"DSA-0000-1\", ");

        ObjectNode noId = realRecord("Debian.zip", "DSA-5380-1.json");
        noId.remove("id");
        write(records, "no-id.json", noId.toString());

        ObjectNode badSchema = realRecord("Debian.zip", "DSA-5380-1.json");
        badSchema.put("id", "DSA-9999-1");
        badSchema.put("modified", 12);
        write(records, "DSA-9999-1.json", badSchema.toString());

        ObjectNode unknownEcosystem = realRecord("Debian.zip", "DSA-5380-1.json");
        unknownEcosystem.put("id", "DSA-9998-1");
        ((ObjectNode) unknownEcosystem.at("/affected/0/package")).put("ecosystem", "Hex");
        write(records, "DSA-9998-1.json", unknownEcosystem.toString());

        ObjectNode badVersion = realRecord("Debian.zip", "DSA-5380-1.json");
        badVersion.put("id", "DSA-9997-1");
        ((ObjectNode) badVersion.at("/affected/0/ranges/0/events/1")).put("fixed", "a:1.0-1");
        write(records, "DSA-9997-1.json", badVersion.toString());

        ImportReport report = new VulnDbBuilder(dir.resolve("p.db")).add(new OsvSource.Directory(records)).build();

        Map<RejectReason, Set<String>> byReason = report.rejections().stream().collect(Collectors.groupingBy(
                Rejection::reason, Collectors.mapping(Rejection::recordId, Collectors.toCollection(TreeSet::new))));
        assertEquals(Map.of(
                RejectReason.NOT_JSON, Set.of("broken"),
                RejectReason.MISSING_ID, Set.of("no-id"),
                RejectReason.SCHEMA_INVALID, Set.of("DSA-9999-1"),
                RejectReason.UNKNOWN_ECOSYSTEM, Set.of("DSA-9998-1"),
                RejectReason.UNPARSEABLE_VERSION, Set.of("DSA-9997-1")), byReason);
        Rejection version = report.rejections().stream().filter(r -> r.reason() == RejectReason.UNPARSEABLE_VERSION).findFirst().orElseThrow();
        assertTrue(version.detail().contains("a:1.0-1"), version.detail());
        Rejection schema = report.rejections().stream().filter(r -> r.reason() == RejectReason.SCHEMA_INVALID).findFirst().orElseThrow();
        assertTrue(schema.detail().contains("modified"), schema.detail());
        assertEquals(Map.of("Debian", 1), report.accepted());
        try (VulnDb db = VulnDb.open(dir.resolve("p.db"))) {
            assertEquals(1, db.affected("Debian:11", "xorg-server").size());
        }
    }

    @Test
    void truncatedZipFailsNamingTheFileAndKeepsThePreviousDatabase() throws IOException {
        Path db = dir.resolve("p.db");
        DatabaseInfo before = new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("crates.io.zip"))).build().info();
        byte[] whole = Files.readAllBytes(SharedData.osvZip("Alpine.zip"));
        Path truncated = dir.resolve("Alpine-truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

        InputException e = assertThrows(InputException.class,
                () -> new VulnDbBuilder(db).add(new OsvSource.Zip(truncated)).build());
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        assertPreviousDatabaseIntact(db, before);
    }

    @Test
    void unreachableUrlFailsClearlyAndKeepsThePreviousDatabase() throws IOException {
        Path db = dir.resolve("p.db");
        DatabaseInfo before = new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("crates.io.zip"))).build().info();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://user:s3cret@127.0.0.1:" + port + "/Alpine/all.zip");
        InputException e = assertThrows(InputException.class,
                () -> new VulnDbBuilder(db).add(new OsvSource.Url(url)).build());
        assertTrue(e.getMessage().contains("cannot download http://127.0.0.1:" + port + "/Alpine/all.zip"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertPreviousDatabaseIntact(db, before);
    }

    @Test
    void unknownSourceIsAnInputError() {
        InputException e = assertThrows(InputException.class, () -> OsvSource.parse(dir.resolve("nope.zip").toString()));
        assertTrue(e.getMessage().contains("nope.zip"), e.getMessage());
    }

    static void assertPreviousDatabaseIntact(Path db, DatabaseInfo before) throws IOException {
        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertEquals(before, vulnDb.info());
            assertFalse(vulnDb.affected("crates.io", "smallvec").isEmpty(), "old DB still answers lookups");
        }
        try (var files = Files.list(db.getParent())) {
            List<String> leftovers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), leftovers);
        }
    }

    static ObjectNode realRecord(String zip, String entry) throws IOException {
        try (ZipFile zipFile = new ZipFile(SharedData.osvZip(zip).toFile());
             InputStream in = zipFile.getInputStream(zipFile.getEntry(entry))) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static void write(Path directory, String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
