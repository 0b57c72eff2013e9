package io.portcullis.cli;

import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        assertTrue(status.out().contains("schema version: 2"), status.out());
        assertTrue(status.out().contains("built at:       " + info.builtAt()), status.out());
        assertTrue(status.out().contains(zip.toAbsolutePath().normalize().toString()), status.out());
        assertTrue(status.out().contains("crates.io: " + entries), status.out());

        Run stale = portcullis("db", "status", "--db", db.toString(), "--db-max-age", "0m", "--fail-on-stale-db");
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

    /**
     * Two imports start while another build holds the DB's lock (this JVM takes the same OS file lock a build
     * takes): each says it waits and writes nothing until the lock is free, then both finish, one after the other.
     */
    @Test
    void importsWaitForTheBuildHoldingTheLock() throws Exception {
        Path db = dir.resolve("portcullis.db");
        Process a;
        Process b;
        ErrorLines aErr;
        ErrorLines bErr;
        try (FileChannel channel = FileChannel.open(dir.resolve("portcullis.db.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            a = start("db", "import", "--db", db.toString(), SharedData.osvZip("GHSA-sample.zip").toString());
            b = start("db", "import", "--db", db.toString(), SharedData.osvZip("crates.io.zip").toString());
            aErr = new ErrorLines(a);
            bErr = new ErrorLines(b);
            String waiting = "portcullis: waiting for another build of " + db + " to finish";
            assertTrue(aErr.awaitLine(waiting), "first import announces the wait: " + aErr.text());
            assertTrue(bErr.awaitLine(waiting), "second import announces the wait: " + bErr.text());
            assertTrue(a.isAlive() && b.isAlive(), "both still wait");
            assertFalse(Files.exists(db), "nothing is written while another build holds the lock");
        }
        Run ra = finish(a, aErr);
        Run rb = finish(b, bErr);
        assertEquals(0, ra.exit(), ra.err());
        assertEquals(0, rb.exit(), rb.err());
        assertTrue(ra.out().startsWith("waited for another build of " + db), ra.out());
        assertTrue(rb.out().startsWith("waited for another build of " + db), rb.out());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            String checksum = vulnDb.info().checksum();
            assertTrue(ra.out().contains(checksum) ^ rb.out().contains(checksum), "the DB is the later of the two complete builds");
            assertEquals(1, vulnDb.info().sources().size(), vulnDb.info().sources().toString());
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "no temp file left");
        }
    }

    /** A process's error output, read as it comes, so a test can wait for one line while the process runs. */
    private static final class ErrorLines {
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        ErrorLines(Process process) {
            reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (text) {
                            text.append(line).append('\n');
                            text.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    text.append("reading error output failed: ").append(e.getMessage());
                }
            });
            reader.start();
        }

        boolean awaitLine(String line) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            synchronized (text) {
                while (!text.toString().contains(line + "\n")) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    text.wait(left);
                }
                return true;
            }
        }

        String text() {
            return text.toString();
        }

        String all() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(60));
            return text.toString();
        }
    }

    private Run portcullis(String... args) throws Exception {
        return finish(start(args));
    }

    private Process start(String... args) throws IOException {
        // A run of a few seconds: C2 compilation would cost more CPU than it returns, so the client compiler only.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static Run finish(Process process) throws Exception {
        return finish(process, new ErrorLines(process));
    }

    private static Run finish(Process process, ErrorLines err) throws Exception {
        String outText = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "portcullis finished");
        return new Run(process.exitValue(), outText, err.all());
    }
}
