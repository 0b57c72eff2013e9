package io.portcullis.image.archive;

import io.portcullis.InputException;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.TestImages;
import io.portcullis.image.TestImages.TarItem;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarArchiveTest {

    private static final String LAYER = "485d7306187faf0cc9b77fc210e8def9d67b1953f0669e675877e90e6542cb6d/layer.tar";

    @TempDir
    Path work;

    @Test
    void twoStreamsOfOneArchiveCanBeReadInterleaved() throws Exception {
        byte[] expected = TestImages.content(TestImages.alpineEntries(), LAYER);
        try (TarArchive archive = TarArchive.open(TestImages.alpineArchive(), ImageSourceOptions.defaults().withTempDir(work))) {
            TarArchive.Entry entry = archive.find("./" + LAYER).orElseThrow();
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            try (InputStream a = archive.open(entry); InputStream b = archive.open(entry)) {
                byte[] buffer = new byte[4096];
                int n;
                boolean more = true;
                while (more) {
                    more = false;
                    if ((n = a.read(buffer)) > 0) {
                        first.write(buffer, 0, n);
                        more = true;
                    }
                    if ((n = b.read(buffer, 0, 1000)) > 0) {
                        second.write(buffer, 0, n);
                        more = true;
                    }
                }
            }
            assertArrayEquals(expected, first.toByteArray());
            assertArrayEquals(expected, second.toByteArray());
        }
    }

    @Test
    void hardLinksAndChainsOfSymlinksResolveInsideTheArchive() throws Exception {
        Path tar = work.resolve("links.tar");
        TestImages.writeTar(tar, List.of(
                TarItem.file("data/real.txt", "content"),
                new TarItem("hard/copy.txt", new byte[0], TarConstants.LF_LINK, "data/real.txt"),
                TarItem.symlink("a/link", "../hard/copy.txt"),
                TarItem.symlink("b/link", "../a/link")));
        try (TarArchive archive = TarArchive.open(tar, ImageSourceOptions.defaults())) {
            TarArchive.Entry entry = archive.find("b/link").orElseThrow();
            assertEquals("data/real.txt", entry.name());
            assertEquals("content", new String(archive.open(entry).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLinkLoopIsReportedNotFollowedForever() throws Exception {
        Path tar = work.resolve("loop.tar");
        TestImages.writeTar(tar, List.of(TarItem.symlink("a", "b"), TarItem.symlink("b", "a")));
        try (TarArchive archive = TarArchive.open(tar, ImageSourceOptions.defaults())) {
            InputException e = assertThrows(InputException.class, () -> archive.find("a"));
            assertEquals(tar + ": entry a is part of a link loop", e.getMessage());
        }
    }

    @Test
    void aDirectoryIsNotAnArchive() {
        InputException e = assertThrows(InputException.class, () -> TarArchive.open(work, ImageSourceOptions.defaults()));
        assertEquals(work + ": is a directory, not an archive", e.getMessage());
    }

    @Test
    void theNamesOfEntriesAreListedInArchiveOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        for (TarItem item : TestImages.alpineEntries()) {
            if (!item.name().endsWith("/")) {
                expected.add(item.name());
            }
        }
        try (TarArchive archive = TarArchive.open(TestImages.alpineArchive(), ImageSourceOptions.defaults().withTempDir(work))) {
            assertEquals(expected, List.copyOf(archive.names()));
        }
    }
}
