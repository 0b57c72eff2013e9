package io.portcullis.image.rootfs;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A tar of a directory tree, generated as it is read: no thread, no pipe, no temp file. Each
 * {@link #read} pulls the next piece of the tar (a header, or up to 64 KiB of a file) from a
 * {@link TarArchiveOutputStream} writing into a small buffer.
 *
 * <p>Entries come depth first, each directory's children sorted by name, so the same tree always
 * gives the same order. Symbolic links are stored as links and never followed; files are opened
 * with O_NOFOLLOW so a file swapped for a link after it was listed is not read through the link.
 * Sockets, pipes and device nodes are left out (reading a pipe would block). Files the scanning
 * user may not read are left out with a warning, so that a rootfs unpacked by root can still be
 * scanned by an unprivileged agent; each is told to the scan's warnings (the engine keeps no log).
 */
final class DirectoryTarStream extends InputStream {

    private static final int CHUNK = 65536;

    private final Path root;
    private final Consumer<String> warnings;
    private final Deque<Iterator<Path>> pending = new ArrayDeque<>();
    private final Buffer buffer = new Buffer();
    private final TarArchiveOutputStream tar;
    private final byte[] chunk = new byte[CHUNK];
    private InputStream file;
    private long fileRemaining;
    private boolean finished;
    private boolean closed;

    /** @param warnings told of each file or directory left out because it cannot be read */
    DirectoryTarStream(Path root, Consumer<String> warnings) throws IOException {
        this.root = root;
        this.warnings = warnings;
        this.tar = new TarArchiveOutputStream(buffer);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        pending.push(sortedChildren(root));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (buffer.available() == 0) {
            if (finished) {
                return -1;
            }
            advance();
        }
        return buffer.drain(target, offset, length);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        finished = true;
        pending.clear();
        if (file != null) {
            file.close();
            file = null;
        }
    }

    /** Produces the next piece of the tar into the buffer. */
    private void advance() throws IOException {
        if (file != null) {
            copyChunk();
            return;
        }
        while (!pending.isEmpty() && !pending.peek().hasNext()) {
            pending.pop();
        }
        if (pending.isEmpty()) {
            tar.finish();
            finished = true;
            return;
        }
        addEntry(pending.peek().next());
    }

    private void addEntry(Path path) throws IOException {
        Map<String, Object> unix = unixAttributes(path);
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = root.relativize(path).toString().replace('\\', '/');
        if (basic.isDirectory()) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR, false);
            describe(entry, unix, basic);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            pending.push(sortedChildren(path));
        } else if (basic.isSymbolicLink()) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, false);
            describe(entry, unix, basic);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } else if (basic.isRegularFile()) {
            InputStream content;
            try {
                content = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
            } catch (AccessDeniedException e) {
                warnings.accept("rootfs " + root + ": cannot read " + name + " (permission denied); left out of the scan");
                return;
            }
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, false);
            describe(entry, unix, basic);
            entry.setSize(basic.size());
            tar.putArchiveEntry(entry);
            file = content;
            fileRemaining = basic.size();
            if (fileRemaining == 0) {
                finishFile();
            }
        }
    }

    /** Copies the next chunk of the current file; a file that shrank since it was listed is padded with zeros to its stated size. */
    private void copyChunk() throws IOException {
        int n = file.read(chunk, 0, (int) Math.min(CHUNK, fileRemaining));
        if (n < 0) {
            Arrays.fill(chunk, (byte) 0);
            n = (int) Math.min(CHUNK, fileRemaining);
        }
        tar.write(chunk, 0, n);
        fileRemaining -= n;
        if (fileRemaining == 0) {
            finishFile();
        }
    }

    private void finishFile() throws IOException {
        tar.closeArchiveEntry();
        file.close();
        file = null;
    }

    private static void describe(TarArchiveEntry entry, Map<String, Object> unix, BasicFileAttributes basic) {
        entry.setModTime(basic.lastModifiedTime());
        if (unix != null) {
            entry.setMode(((Integer) unix.get("mode")) & 07777);
            entry.setUserId(((Number) unix.get("uid")).longValue());
            entry.setGroupId(((Number) unix.get("gid")).longValue());
        } else {
            entry.setMode(basic.isDirectory() ? 0755 : 0644);
        }
    }

    /** mode, uid and gid where the platform has them (not on Windows). */
    private static Map<String, Object> unixAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private Iterator<Path> sortedChildren(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            List<Path> sorted = children.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
            return sorted.iterator();
        } catch (AccessDeniedException e) {
            warnings.accept("rootfs " + root + ": cannot list " + root.relativize(directory) + "/ (permission denied); left out of the scan");
            return List.<Path>of().iterator();
        }
    }

    /** The tar writer's output, waiting to be read. */
    private static final class Buffer extends ByteArrayOutputStream {
        private int position;

        int available() {
            return count - position;
        }

        int drain(byte[] target, int offset, int length) {
            int n = Math.min(length, available());
            System.arraycopy(buf, position, target, offset, n);
            position += n;
            if (position == count) {
                reset();
                position = 0;
            }
            return n;
        }
    }
}
