package io.portcullis.layer;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds real layer tars with commons-compress, entry names written exactly as given. */
public final class TestLayerTar {

    public enum Compression { PLAIN, GZIP, ZSTD }

    /** Fixed, so the same entries give the same tar and the same diffID, as with reproducible image builds. */
    private static final Date FIXED_MTIME = new Date(1_577_836_800_000L);

    private final ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TestLayerTar() {
        tar = new TarArchiveOutputStream(tarBytes, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public TestLayerTar dir(String name) {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), new byte[0]);
    }

    public TestLayerTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestLayerTar file(String name, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        return add(entry, content);
    }

    public TestLayerTar symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    public TestLayerTar hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    /** A file whose content is {@code size} zero bytes, written without holding them in memory. */
    public TestLayerTar zeros(String name, long size) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(size);
            entry.setModTime(FIXED_MTIME);
            tar.putArchiveEntry(entry);
            byte[] chunk = new byte[64 * 1024];
            for (long left = size; left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] build(Compression compression) {
        try {
            tar.finish();
            byte[] plain = tarBytes.toByteArray();
            return compress(plain, compression);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] compress(byte[] plain, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = switch (compression) {
            case PLAIN -> out;
            case GZIP -> new GZIPOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
        }) {
            compressed.write(plain);
        }
        return out.toByteArray();
    }

    /**
     * sha256 of the decompressed tar, found with commons-compress's own format detection, so the
     * walker's hashing is checked against an independent decompression.
     */
    public static String diffIdOf(byte[] blob) {
        try {
            InputStream in = new BufferedInputStream(new ByteArrayInputStream(blob));
            InputStream plain;
            try {
                plain = CompressorStreamFactory.getSingleton().createCompressorInputStream(in);
            } catch (CompressorException notCompressed) {
                plain = in;
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(plain.readAllBytes());
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestLayerTar add(TarArchiveEntry entry, byte[] content) {
        try {
            entry.setModTime(FIXED_MTIME);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
