package io.portcullis;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The directory one scan's temp files go to, as its caller gave it: a compressed archive
 * decompressed for random access, an rpm database or ELF binary copied for the same reason, a
 * large jar, a file several analyzers read. The engine never falls back to the JVM's temp dir;
 * the CLI passes {@code java.io.tmpdir} when {@code --temp-dir} is absent.
 *
 * <p>A file that cannot be created or written here is an {@link InputException} naming this
 * directory and the cause (a full disk, a read-only mount, a missing directory), so the user is
 * pointed at the temp directory rather than at the image that happened to be read. An interrupted
 * write stays an {@link InterruptedIOException}: that is a cancelled scan, not a broken directory.
 */
public final class TempDirectory {

    private final Path path;

    public TempDirectory(Path path) {
        this.path = Objects.requireNonNull(path, "temp directory").toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** A new empty file, readable and writable by its owner only; the caller deletes it. */
    public Path newFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(path, prefix, suffix);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** A new empty directory, for tools that write files beside their input (sqlite); the caller deletes it. */
    public Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(path, prefix);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * A stream writing {@code file}, a file in this directory: a write that fails (the disk is
     * full) throws an {@link InputException} naming the directory.
     */
    public OutputStream write(Path file) {
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw failure(e);
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw interruptedOrFail(e);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    throw interruptedOrFail(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw interruptedOrFail(e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** An interrupt stays an IOException (a cancelled scan); any other failure is this directory's. */
    private IOException interruptedOrFail(IOException e) {
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            return e;
        }
        throw failure(e);
    }

    private InputException failure(IOException e) {
        return new InputException("cannot write to the temp directory " + path + ": " + reason(e), e);
    }

    /** FileSystemException's own message is just the file name; say what went wrong instead. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
