package io.portcullis.cli;

import io.portcullis.testing.AgentLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash is not a verdict: the CLI in its own JVM, with a heap too small for the image (a dpkg status of
 * 400,000 packages), exits 4 with one line naming what it was doing; the stack trace only with --debug.
 */
class CrashExitCodeTest {

    @TempDir
    static Path dir;

    static Path image;

    @BeforeAll
    static void hugeDpkgStatus() throws IOException {
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        for (int i = 0; i < 400_000; i++) {
            status.writeBytes(("Package: pkg" + i + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1." + i
                    + "-1\nDescription: package number " + i + "\n\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] layer = new HandMadeImages.LayerTar().file("var/lib/dpkg/status", status.toByteArray()).bytes();
        image = HandMadeImages.dockerArchive(dir.resolve("many-packages.tar"), layer, true);
    }

    @Test
    void outOfMemoryExitsFourWithOneLine() throws Exception {
        Run run = portcullis("-Xmx48m", "sbom", "docker-archive:" + image, "-o", dir.resolve("sbom.json").toString());
        assertEquals(4, run.exit, run.err);
        List<String> lines = AgentLog.lines(run.err);
        assertEquals(2, lines.size(), "one line and its line end: " + run.err);
        assertTrue(lines.get(0).startsWith("portcullis: internal error while running portcullis sbom docker-archive:" + image + ": "
                + "java.lang.OutOfMemoryError"), run.err);
        assertTrue(lines.get(0).endsWith("(--debug prints the stack trace)"), run.err);
        assertTrue(Files.notExists(dir.resolve("sbom.json")), "no half-written SBOM");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Run run = portcullis("-Xmx48m", "sbom", "--debug", "docker-archive:" + image, "-o", dir.resolve("sbom.json").toString());
        assertEquals(4, run.exit, run.err);
        assertTrue(run.err.startsWith("portcullis: internal error while running portcullis sbom docker-archive:"), run.err);
        assertTrue(run.err.contains("java.lang.OutOfMemoryError"), run.err);
        assertTrue(run.err.contains("\tat io.portcullis."), run.err);
    }

    record Run(int exit, String err) {
    }

    private static Run portcullis(String heap, String... args) throws Exception {
        // Without escape analysis: an OutOfMemoryError met while re-materialising scalar-replaced objects is one the JVM
        // throws without any stack trace, which would make the --debug trace empty depending on what the JIT compiled.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-XX:-DoEscapeAnalysis", "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("portcullis did not finish within 300 s");
        }
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
