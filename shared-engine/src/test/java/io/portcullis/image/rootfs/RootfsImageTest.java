package io.portcullis.image.rootfs;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Layer;
import io.portcullis.image.TestImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootfsImageTest {

    private static final String SECRET = "outside-secret-7f3a";

    @TempDir
    Path work;

    Path root;
    byte[] big;

    @BeforeEach
    void buildTree() throws Exception {
        Path outside = Files.createDirectory(work.resolve("outside"));
        Files.writeString(outside.resolve("secret"), SECRET);
        root = Files.createDirectory(work.resolve("root"));
        Files.createDirectories(root.resolve("etc/apk"));
        Files.writeString(root.resolve("etc/os-release"), "ID=alpine\nVERSION_ID=3.11.5\n");
        Files.writeString(root.resolve("etc/apk/world"), "busybox\n");
        Files.createDirectories(root.resolve("usr/bin"));
        big = new byte[200_000];
        new Random(42).nextBytes(big);
        Files.write(root.resolve("usr/bin/tool"), big);
        Files.setPosixFilePermissions(root.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectory(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("etc/leak"), Path.of("../../outside/secret"));
        Files.createSymbolicLink(root.resolve("etc/absolute"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("outdir"), outside);
        Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("tool"));
        TestImages.run("mkfifo", root.resolve("etc/fifo").toString());
    }

    @Test
    void streamsTheTreeInNameOrderWithLinksStoredAsLinksAndNothingFromOutside() throws Exception {
        try (Image image = RootfsImage.open(root, ImageSourceOptions.defaults())) {
            Layer layer = image.layers().get(0);
            byte[] tar = layer.open().readAllBytes();
            assertFalse(new String(tar, StandardCharsets.ISO_8859_1).contains(SECRET), "no byte of a file outside the root is read");

            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    entries.put(entry.getName(), entry);
                    contents.put(entry.getName(), in.readAllBytes());
                }
            }
            assertEquals(List.of("empty/", "etc/", "etc/absolute", "etc/apk/", "etc/apk/world", "etc/leak", "etc/os-release",
                    "outdir", "usr/", "usr/bin/", "usr/bin/sh", "usr/bin/tool"), new ArrayList<>(entries.keySet()),
                    "depth first, children sorted by name; the fifo is left out");
            assertTrue(entries.get("etc/leak").isSymbolicLink());
            assertEquals("../../outside/secret", entries.get("etc/leak").getLinkName());
            assertEquals(work.resolve("outside/secret").toString(), entries.get("etc/absolute").getLinkName());
            assertTrue(entries.get("outdir").isSymbolicLink(), "a link to a directory is not descended into");
            assertEquals("tool", entries.get("usr/bin/sh").getLinkName());
            assertArrayEquals(big, contents.get("usr/bin/tool"));
            assertEquals(0750, entries.get("usr/bin/tool").getMode());
            assertEquals("ID=alpine\nVERSION_ID=3.11.5\n", new String(contents.get("etc/os-release"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void gnuTarReadsTheStreamAndSeesTheSameTree() throws Exception {
        Path tar = work.resolve("rootfs.tar");
        try (Image image = RootfsImage.open(root, ImageSourceOptions.defaults()); InputStream in = image.layers().get(0).open()) {
            Files.copy(in, tar);
        }
        String listing = new String(TestImages.run("tar", "-tvf", tar.toString()), StandardCharsets.UTF_8);
        assertTrue(listing.contains("etc/leak -> ../../outside/secret"), listing);
        Path extracted = Files.createDirectory(work.resolve("extracted"));
        TestImages.run("tar", "-xf", tar.toString(), "-C", extracted.toString());
        assertArrayEquals(big, Files.readAllBytes(extracted.resolve("usr/bin/tool")));
        assertEquals(Path.of("../../outside/secret"), Files.readSymbolicLink(extracted.resolve("etc/leak")));
    }

    @Test
    void theSameTreeGivesTheSameBytesEveryTime() throws Exception {
        try (Image image = RootfsImage.open(root, ImageSourceOptions.defaults())) {
            byte[] first = image.layers().get(0).open().readAllBytes();
            byte[] second = image.layers().get(0).open().readAllBytes();
            assertTrue(Arrays.equals(first, second));
        }
    }

    @Test
    void aRootfsLayerHasNoDigestsSoItIsNeverCached() throws Exception {
        try (Image image = RootfsImage.open(root, ImageSourceOptions.defaults())) {
            assertEquals(1, image.layers().size());
            assertNull(image.layers().get(0).diffId());
            assertNull(image.layers().get(0).digest());
            assertEquals(List.of(), image.metadata().diffIds());
            assertNull(image.metadata().configDigest());
            assertEquals("rootfs:" + root, image.metadata().reference());
        }
    }

    @Test
    void aClosedLayerStreamRefusesFurtherReads() throws Exception {
        try (Image image = RootfsImage.open(root, ImageSourceOptions.defaults())) {
            InputStream in = image.layers().get(0).open();
            assertEquals(512, in.readNBytes(512).length);
            in.close();
            assertThrows(IOException.class, in::read);
        }
    }

    @Test
    void aPathThatIsNotADirectoryIsReported() throws IOException {
        Path file = Files.writeString(work.resolve("file"), "x");
        InputException e = assertThrows(InputException.class, () -> RootfsImage.open(file, ImageSourceOptions.defaults()));
        assertEquals(file + ": not a directory", e.getMessage());
    }
}
