package io.portcullis.output;

import io.portcullis.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {

    @Test
    void failureHalfwayLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("sbom.json"), "previous report");
        InputException failure = assertThrows(InputException.class, () -> AtomicFile.write(target, "CycloneDX SBOM", out -> {
            out.write("{\"bomFormat\": \"Cyclo".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write CycloneDX SBOM to " + target + ": No space left on device", failure.getMessage());
        assertEquals("previous report", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void programmingErrorHalfwayIsRethrownAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("vex.json");
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, "VEX", out -> {
            out.write('{');
            throw bug;
        })));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void targetThatIsADirectoryIsAnInputErrorAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectory(dir.resolve("report.json"));
        Files.writeString(target.resolve("keep"), "x");
        InputException failure = assertThrows(InputException.class,
                () -> AtomicFile.write(target, "SPDX SBOM", out -> out.write('{')));
        assertTrue(failure.getMessage().startsWith("cannot write SPDX SBOM to " + target + ": "), failure.getMessage());
        assertEquals(List.of(target), listing(dir));
        assertEquals("x", Files.readString(target.resolve("keep")));
    }

    @Test
    void successReplacesTheFileWithTheCompleteContent(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("sbom.json"), "old");
        AtomicFile.write(target, "SBOM", out -> out.write("new content".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new content", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** "-o /dev/stdout" and named pipes: the content goes into the pipe, which stays a pipe (never renamed over). */
    @Test
    void aNamedPipeIsWrittenThroughAndStaysAPipe(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("out.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        AtomicFile.write(fifo, "SPDX SBOM", out -> out.write("through the pipe".getBytes(StandardCharsets.UTF_8)));

        assertEquals("through the pipe", reader.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "still a pipe");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(fifo), files.toList());
        }
    }
}
