package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The real alpine:3.11 docker save fixture, and the real tools and tar plumbing tests build inputs with. */
public final class TestImages {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {
    }

    public static Path alpineArchive() {
        Path path = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");
        assertTrue(Files.isRegularFile(path), "missing shared fixture " + path.toAbsolutePath()
                + " (the real docker save of alpine:3.11; see ../shared/fixtures/SOURCES.md)");
        return path;
    }

    /** The fixture decompressed into {@code dir}, for tools (skopeo) that read plain tars only. */
    public static Path plainAlpineArchive(Path dir) throws IOException {
        Path plain = dir.resolve("alpine-plain.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(alpineArchive()))) {
            Files.copy(in, plain);
        }
        return plain;
    }

    /** Every entry of the fixture as written by docker save, in archive order. */
    public static List<TarItem> alpineEntries() throws IOException {
        List<TarItem> items = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(alpineArchive())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    items.add(TarItem.directory(entry.getName()));
                } else if (entry.isSymbolicLink()) {
                    items.add(TarItem.symlink(entry.getName(), entry.getLinkName()));
                } else {
                    items.add(TarItem.file(entry.getName(), tar.readAllBytes()));
                }
            }
        }
        return items;
    }

    public static byte[] content(List<TarItem> items, String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("fixture lacks " + name)).content();
    }

    /** One entry to write into a test archive. */
    public record TarItem(String name, byte[] content, byte type, String linkName) {
        public static TarItem file(String name, byte[] content) {
            return new TarItem(name, content, TarConstants.LF_NORMAL, null);
        }

        public static TarItem file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public static TarItem directory(String name) {
            return new TarItem(name, new byte[0], TarConstants.LF_DIR, null);
        }

        public static TarItem symlink(String name, String target) {
            return new TarItem(name, new byte[0], TarConstants.LF_SYMLINK, target);
        }
    }

    public static void writeTar(Path out, List<TarItem> items) throws IOException {
        try (OutputStream file = Files.newOutputStream(out)) {
            writeTar(file, items);
        }
    }

    public static void writeGzipTar(Path out, List<TarItem> items) throws IOException {
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(out))) {
            writeTar(gzip, items);
        }
    }

    private static void writeTar(OutputStream out, List<TarItem> items) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (TarItem item : items) {
            // preserveAbsolutePath: test archives must be able to carry hostile names
            TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
            if (item.linkName() != null) {
                entry.setLinkName(item.linkName());
            }
            entry.setSize(item.type() == TarConstants.LF_NORMAL ? item.content().length : 0);
            tar.putArchiveEntry(entry);
            if (item.type() == TarConstants.LF_NORMAL) {
                tar.write(item.content());
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest hasher = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                hasher.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(hasher.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static JsonNode json(byte[] content) throws IOException {
        return JSON.readTree(content);
    }

    public static byte[] json(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }

    /** Runs a real tool and returns its stdout; a missing tool fails the test and says how to install it. */
    public static byte[] run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            fail(command[0] + " is required by this test and is not installed (run .ci/install-deps): " + e.getMessage());
            throw e;
        }
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // the exit code tells
            }
        });
        errors.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        errors.join();
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (" + process.exitValue() + "): " + stderr.toString(StandardCharsets.UTF_8));
        }
        return stdout;
    }

    public static Map<String, byte[]> readTarStream(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry.isFile() ? tar.readAllBytes() : new byte[0]);
            }
        }
        return entries;
    }

    /** Every file left in {@code dir}; tests assert it is empty after a failure. */
    public static List<Path> leftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
