package io.portcullis.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Reads files out of a layer blob (gzip or plain tar) with commons-compress, independently of the engine's layer walker. */
public final class LayerContent {

    private LayerContent() {
    }

    /** The content of {@code path} ("var/lib/dpkg/status", with or without "./"), reading the blob to its end. */
    public static Optional<byte[]> readFile(InputStream blob, String path) throws IOException {
        String wanted = strip(path);
        InputStream in = new BufferedInputStream(blob);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        byte[] found = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(in) : in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && strip(entry.getName()).equals(wanted)) {
                    found = tar.readAllBytes();
                }
            }
            // Drain to the end so a verifying stream gets to check its digest.
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Optional.ofNullable(found);
    }

    private static String strip(String name) {
        String result = name;
        while (result.startsWith("./") || result.startsWith("/")) {
            result = result.substring(result.startsWith("./") ? 2 : 1);
        }
        return result;
    }
}
