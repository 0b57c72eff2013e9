package io.portcullis.cli;

import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code portcullis db ...} commands, each in its own JVM as a user runs them. */
class DbCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void importThenStatusReportTheBuild() throws Exception {
        Path db = dir.resolve("db/portcullis.db");
        Path zip = SharedData.osvZip("crates.io.zip");
        Run imported = portcullis("db", "import", "--db", db.toString(), zip.toString());
        assertEquals(0, imported.exit(), imported.err());
        int entries;
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            entries = zipFile.size();
        }
        assertTrue(imported.out().contains("crates.io: " + entries + " records"), imported.out());

        Run status = portcullis("db", "status", "--db", db.toString());
        assertEquals(0, status.exit(), status.err());
        DatabaseInfo info;
        try (VulnDb vulnDb = VulnDb.open(db)) {
            info = vulnDb.info();
        }
        assertTrue(status.out().contains("schema version: 1"), status.out());
        assertTrue(status.out().contains("built at:       " + info.builtAt()), status.out());
        assertTrue(status.out().contains(zip.toAbsolutePath().normalize().toString()), status.out());
        assertTrue(status.out().contains("crates.io: " + entries), status.out());

        Run stale = portcullis("db", "status", "--db", db.toString(), "--max-age", "PT0S", "--fail-if-stale");
        assertEquals(3, stale.exit(), stale.out());
        assertTrue(stale.err().contains("run 'portcullis db update'"), stale.err());
    }

    @Test
    void unreachableMirrorExitsThreeAndKeepsTheDatabase() throws Exception {
        Path db = dir.resolve("portcullis.db");
        assertEquals(0, portcullis("db", "import", "--db", db.toString(), SharedData.osvZip("crates.io.zip").toString()).exit());
        byte[] before = Files.readAllBytes(db);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Run update = portcullis("db", "update", "--db", db.toString(), "--mirror", "http://127.0.0.1:" + port + "/mirror", "--ecosystem", "Alpine");
        assertEquals(3, update.exit(), update.out());
        assertTrue(update.err().contains("cannot download http://127.0.0.1:" + port + "/mirror/Alpine/all.zip"), update.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "DB file untouched");
    }

    @Test
    void statusWithoutDatabaseIsAnInputError() throws Exception {
        Run status = portcullis("db", "status", "--db", dir.resolve("none.db").toString());
        assertEquals(3, status.exit());
        assertTrue(status.err().contains("no vulnerability database at " + dir.resolve("none.db")), status.err());
    }

    /** Two processes import into one DB at once: both succeed, one after the other, and the DB is whole. */
    @Test
    void twoImportProcessesAtOnce() throws Exception {
        Path db = dir.resolve("portcullis.db");
        Process a = start("db", "import", "--db", db.toString(), SharedData.osvZip("Debian.zip").toString());
        Process b = start("db", "import", "--db", db.toString(), SharedData.osvZip("AlmaLinux.zip").toString());
        Run ra = finish(a);
        Run rb = finish(b);
        assertEquals(0, ra.exit(), ra.err());
        assertEquals(0, rb.exit(), rb.err());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            String checksum = vulnDb.info().checksum();
            assertTrue(ra.out().contains(checksum) || rb.out().contains(checksum), "the DB is one of the two complete builds");
            assertEquals(1, vulnDb.info().recordCounts().size());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "no temp file left");
        }
    }

    private Run portcullis(String... args) throws Exception {
        return finish(start(args));
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static Run finish(Process process) throws Exception {
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        Thread errReader = new Thread(() -> {
            try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errText.completeExceptionally(e);
            }
        });
        errReader.start();
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "portcullis finished");
        return new Run(process.exitValue(), outText, errText.get(60, TimeUnit.SECONDS));
    }
}
