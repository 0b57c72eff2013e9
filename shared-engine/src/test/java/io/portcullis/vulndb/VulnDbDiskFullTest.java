package io.portcullis.vulndb;

import io.portcullis.InputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk while building: the DB directory is a 1 MiB tmpfs (needs root, as CI runs). The small previous
 * DB fits; the Debian build does not, fails with a clear error, and leaves the previous DB working.
 */
class VulnDbDiskFullTest {

    @TempDir
    Path dir;
    Path mountPoint;

    @BeforeEach
    void mountTinyFilesystem() throws Exception {
        mountPoint = Files.createDirectories(dir.resolve("tiny"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", mountPoint.toString());
    }

    @Test
    void fullDiskKeepsThePreviousDatabase() throws IOException {
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("DSA-5380-1.json"), VulnDbBadInputTest.realRecord("Debian.zip", "DSA-5380-1.json").toString());
        Path db = mountPoint.resolve("portcullis.db");
        DatabaseInfo before = new VulnDbBuilder(db).add(new OsvSource.Directory(records)).build().info();

        InputException e = assertThrows(InputException.class,
                () -> new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("Debian.zip"))).build());
        assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("previous DB kept"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("full"), e.getMessage());

        try (VulnDb vulnDb = VulnDb.open(db)) {
            assertEquals(before, vulnDb.info());
            assertEquals(1, vulnDb.affected("Debian:11", "xorg-server").size());
        }
        try (var files = Files.list(mountPoint)) {
            assertEquals(List.of("portcullis.db", "portcullis.db.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (this test needs root to mount a tmpfs): " + output);
        }
    }
}
