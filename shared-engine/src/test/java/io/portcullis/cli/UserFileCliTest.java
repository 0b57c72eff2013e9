package io.portcullis.cli;

import io.portcullis.testing.AgentLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files a pull request can put in front of the scanner: each is size-capped before it is parsed (exit 3, one line
 * naming the file and the limit; the image is never opened), and a file that is not UTF-8 is named with the offset
 * of its first bad byte.
 */
class UserFileCliTest {

    @TempDir
    Path dir;

    @Test
    void oversizedPolicy() throws IOException {
        Path policy = bigFile("policy.yaml", "security_gates:\n  deny_list:\n    - \"", 64);
        assertRefused(policy, "512 KiB", "--policy", policy.toString());
    }

    @Test
    void oversizedIgnoreFile() throws IOException {
        Path ignore = bigFile(".portcullisignore.yaml", "ignore:\n  - id: \"", 64);
        assertRefused(ignore, "512 KiB", "--ignorefile", ignore.toString());
    }

    @Test
    void oversizedTrivyIgnore() throws IOException {
        Path ignore = bigFile(".trivyignore", "# ", 8);
        assertRefused(ignore, "512 KiB", "--ignorefile", ignore.toString());
    }

    @Test
    void oversizedVex() throws IOException {
        Path vex = bigFile("vex.json", "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"x\":\"", 64);
        assertRefused(vex, "16 MiB", "--vex", vex.toString());
    }

    @Test
    void trivyIgnoreThatIsNotUtf8NamesTheFileAndTheOffset() throws IOException {
        Path ignore = dir.resolve(".trivyignore");
        Files.write(ignore, new byte[] {'C', 'V', 'E', '-', '1', '\n', 'C', 'V', 'E', (byte) 0xff, 'x', '\n'});
        CliRun run = CliRun.of("scan", "--ignorefile", ignore.toString(), "docker-archive:" + dir.resolve("never-opened.tar"));
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(List.of("portcullis: " + ignore + ": not UTF-8 text: invalid byte 0xff at byte offset 9", ""),
                AgentLog.lines(run.stderr()), run.stderr());
    }

    private void assertRefused(Path file, String limit, String... option) {
        String[] args = new String[option.length + 2];
        args[0] = "scan";
        System.arraycopy(option, 0, args, 1, option.length);
        args[args.length - 1] = "docker-archive:" + dir.resolve("never-opened.tar");
        CliRun run = CliRun.of(args);
        assertEquals(3, run.exitCode(), run.toString());
        List<String> lines = AgentLog.lines(run.stderr());
        assertEquals(2, lines.size(), run.stderr());
        assertTrue(lines.get(0).startsWith("portcullis: " + file + ": larger than the " + limit), run.stderr());
        assertTrue(run.stderr().contains("not read"), run.stderr());
    }

    /** A file of {@code mebibytes} MiB: the header, then one long value that never ends. */
    private Path bigFile(String name, String header, int mebibytes) throws IOException {
        Path file = dir.resolve(name);
        byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < mebibytes; i++) {
                out.write(chunk);
            }
        }
        return file;
    }
}
