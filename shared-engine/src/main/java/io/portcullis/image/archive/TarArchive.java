package io.portcullis.image.archive;

import io.portcullis.InputException;
import io.portcullis.TempDirectory;
import io.portcullis.image.ImageSourceOptions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A tar file (plain or gzip-compressed) opened for random access to its entries without extracting
 * anything. A plain tar is indexed in place; a gzipped one is first decompressed in one pass into a
 * temp file in {@link ImageSourceOptions#tempDir()} (bounded by {@link ImageSourceOptions#maxDecompressedBytes()}),
 * which {@link #close()} deletes. gzip has no random access, and docker save writes manifest.json last, so a streaming
 * reader would have to decompress the whole archive again for every layer it opens.
 *
 * <p>Entry names are checked when the archive is opened: an absolute name or one with a ".."
 * segment makes the whole archive invalid. Symbolic and hard links between entries (docker save
 * links a layer shared by two images) are resolved inside the archive's name space only.
 */
public final class TarArchive implements Closeable {

    /** A regular file in the archive: its data is {@code size} bytes at {@code offset} of the (decompressed) tar. */
    public record Entry(String name, long offset, long size) {
    }

    private static final int MAX_LINK_HOPS = 16;

    private final Path file;
    private final Path spooled;
    private final FileChannel channel;
    private final Map<String, Entry> files;
    private final Map<String, String> links;

    private TarArchive(Path file, Path spooled, FileChannel channel, Map<String, Entry> files, Map<String, String> links) {
        this.file = file;
        this.spooled = spooled;
        this.channel = channel;
        this.files = files;
        this.links = links;
    }

    /** Opens {@code file}; on any failure nothing is left behind. */
    public static TarArchive open(Path file, ImageSourceOptions options) {
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a directory, not an archive");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file");
        }
        Path spooled = null;
        FileChannel channel = null;
        try {
            Path tar = file;
            if (isGzip(file)) {
                spooled = decompress(file, options);
                tar = spooled;
            }
            checkTarHeader(file, tar);
            Map<String, Entry> files = new LinkedHashMap<>();
            Map<String, String> links = new LinkedHashMap<>();
            index(file, tar, files, links);
            channel = FileChannel.open(tar, StandardOpenOption.READ);
            return new TarArchive(file, spooled, channel, Collections.unmodifiableMap(files), Collections.unmodifiableMap(links));
        } catch (IOException e) {
            cleanUp(channel, spooled);
            throw new InputException(file + ": cannot read archive: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(channel, spooled);
            throw e;
        }
    }

    /** The file the archive was opened from, as given; used in messages. */
    public Path file() {
        return file;
    }

    /** Names of all regular files and links, in archive order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(files.keySet());
        names.addAll(links.keySet());
        return names;
    }

    /**
     * The regular file named {@code name}, following links inside the archive.
     *
     * @throws InputException if a link on the way points outside the archive or loops
     */
    public Optional<Entry> find(String name) {
        String current = normalise(name);
        for (int hop = 0; hop <= MAX_LINK_HOPS && current != null; hop++) {
            Entry entry = files.get(current);
            if (entry != null) {
                return Optional.of(entry);
            }
            if (!links.containsKey(current)) {
                return Optional.empty();
            }
            String target = links.get(current);
            if (target == null) {
                throw new InputException(file + ": entry " + current + " links outside the archive");
            }
            current = target;
        }
        if (current == null) {
            return Optional.empty();
        }
        throw new InputException(file + ": entry " + name + " is part of a link loop");
    }

    /** Streams the entry's data from the (decompressed) tar; several streams may be read at once. */
    public InputStream open(Entry entry) {
        return new SliceInputStream(channel, entry.offset(), entry.size());
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static Path decompress(Path file, ImageSourceOptions options) throws IOException {
        long limit = options.maxDecompressedBytes();
        if (options.tempDir() == null) {
            throw new IllegalArgumentException("opening the compressed archive " + file + " needs ImageSourceOptions.tempDir to decompress it into");
        }
        TempDirectory tempDirectory = new TempDirectory(options.tempDir());
        Path temp = tempDirectory.newFile("portcullis-archive-", ".tar");
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 65536), 65536);
             OutputStream out = tempDirectory.write(temp)) {
            byte[] buffer = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw new InputException(file + ": decompresses to more than " + limit
                            + " bytes (the limit on decompressed size); refusing it as a possible decompression bomb");
                }
                out.write(buffer, 0, n);
            }
            return temp;
        } catch (EOFException e) {
            Files.deleteIfExists(temp);
            throw new InputException(file + ": truncated gzip stream (unexpected end of file)");
        } catch (ZipException e) {
            Files.deleteIfExists(temp);
            throw new InputException(file + ": corrupt gzip stream: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // A full temp directory arrives here as an InputException naming the directory, not this archive.
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Rejects what is plainly not a tar before the tar parser produces a confusing message. */
    private static void checkTarHeader(Path file, Path tar) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(tar)) {
            header = in.readNBytes(512);
        }
        boolean allZero = true;
        for (byte b : header) {
            allZero &= b == 0;
        }
        boolean ustar = header.length == 512
                && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        if (!ustar && !(header.length == 512 && allZero)) {
            throw new InputException(file + ": not a tar archive");
        }
    }

    private static void index(Path file, Path tar, Map<String, Entry> files, Map<String, String> links) throws IOException {
        long tarSize = Files.size(tar);
        try (TarFile tarFile = new TarFile(tar)) {
            for (TarArchiveEntry entry : tarFile.getEntries()) {
                String name = checkedName(file, entry.getName());
                if (name.isEmpty() || entry.isDirectory()) {
                    continue;
                }
                if (entry.isSymbolicLink()) {
                    links.put(name, resolveRelative(parentOf(name), entry.getLinkName()));
                } else if (entry.isLink()) {
                    links.put(name, resolveRelative("", entry.getLinkName()));
                } else if (entry.isFile()) {
                    if (entry.getDataOffset() + entry.getSize() > tarSize) {
                        throw new InputException(file + ": truncated tar: entry " + name + " extends past the end of the archive");
                    }
                    files.put(name, new Entry(name, entry.getDataOffset(), entry.getSize()));
                }
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InputException(file + ": corrupt tar archive: " + message);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InputException(file + ": corrupt tar archive: " + e.getMessage());
        }
    }

    /** An entry name made canonical ("./a/b/" becomes "a/b"), or an error if it could escape the archive root. */
    private static String checkedName(Path file, String raw) {
        if (raw.startsWith("/")) {
            throw new InputException(file + ": unsafe entry name '" + raw + "' (absolute path) in the archive");
        }
        for (String segment : raw.split("/")) {
            if (segment.equals("..")) {
                throw new InputException(file + ": unsafe entry name '" + raw + "' (contains ..) in the archive");
            }
        }
        return normalise(raw);
    }

    /** Collapses "." segments, empty segments and a trailing slash. */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** Resolves a link target lexically against {@code base}; null when it is absolute or climbs above the root. */
    private static String resolveRelative(String base, String target) {
        if (target.startsWith("/")) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : (base + "/" + target).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return String.join("/", parts);
    }

    private static void cleanUp(FileChannel channel, Path spooled) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already failing; the original error is what the user needs
        }
        try {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        } catch (IOException ignored) {
            // as above
        }
    }

    /** Reads a window of a shared channel with positional reads, so concurrent streams do not disturb each other. */
    private static final class SliceInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private long remaining;

        SliceInputStream(FileChannel channel, long offset, long size) {
            this.channel = channel;
            this.position = offset;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)), position);
            if (n < 0) {
                throw new EOFException("archive ended inside an entry");
            }
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, remaining));
            position += skipped;
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, remaining);
        }
    }
}
