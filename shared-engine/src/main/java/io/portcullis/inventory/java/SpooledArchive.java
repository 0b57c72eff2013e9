package io.portcullis.inventory.java;

import io.portcullis.TempDirectory;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An archive copied out of its stream so its central directory can be read: in memory up to a
 * threshold, in a temporary file beyond it (deleted on close). The SHA-1 of the bytes is taken on
 * the way, as that is how Maven Central and vulnerability databases identify a jar.
 */
final class SpooledArchive implements Closeable {

    private final byte[] bytes;
    private final Path file;
    private final String sha1;

    private SpooledArchive(byte[] bytes, Path file, String sha1) {
        this.bytes = bytes;
        this.file = file;
        this.sha1 = sha1;
    }

    /** Spools {@code content}, whose size is {@code expectedSize} bytes when known (-1 otherwise), into {@code tempDirectory} when large. */
    static SpooledArchive of(InputStream content, long expectedSize, int inMemoryLimit, TempDirectory tempDirectory) throws IOException {
        MessageDigest digest = newSha1();
        if (expectedSize >= 0 && expectedSize <= inMemoryLimit) {
            // The common case, a jar smaller than the limit: one array of the exact size, no copies.
            byte[] bytes = content.readNBytes((int) expectedSize);
            digest.update(bytes);
            if (content.read() < 0) {
                return new SpooledArchive(bytes, null, HexFormat.of().formatHex(digest.digest()));
            }
            throw new IOException("archive is longer than the " + expectedSize + " bytes its header states");
        }
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        OutputStream out = memory;
        try {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = content.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                if (file == null && memory.size() + n > inMemoryLimit) {
                    file = tempDirectory.newFile("portcullis-archive-", ".zip");
                    out = tempDirectory.write(file);
                    memory.writeTo(out);
                    memory = null;
                }
                out.write(buffer, 0, n);
            }
            out.close();
        } catch (IOException | RuntimeException e) {
            out.close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        String sha1 = HexFormat.of().formatHex(digest.digest());
        return file == null ? new SpooledArchive(memory.toByteArray(), null, sha1) : new SpooledArchive(null, file, sha1);
    }

    ZipFile open() throws IOException {
        return bytes != null
                ? ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()
                : ZipFile.builder().setFile(file.toFile()).get();
    }

    String sha1() {
        return sha1;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
