package io.portcullis.output;

import io.portcullis.InputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new one: the content
 * goes to a temporary file in the target's directory (so the rename stays on one file system),
 * which is renamed over the target only after it was written and closed. On any failure the
 * temporary file is deleted and the target is left as it was. Used for every document Portcullis
 * writes to a file: reports, SBOMs, VEX and VDR documents.
 */
public final class AtomicFile {

    /** Produces the content; may fail part-way. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * The target's directory must exist: creating it is the caller's choice.
     *
     * @param what what is being written, for the error message ("CycloneDX SBOM")
     * @throws InputException when the target cannot be written, naming it and the reason
     */
    public static void write(Path target, String what, Content content) {
        if (isDeviceOrPipe(target)) {
            writeThrough(target, what, content);
            return;
        }
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // Not Files.createTempFile: its owner-only permissions would stick to the report after the rename.
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new InputException("cannot write " + what + " to " + target + ": " + reason(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * {@code -o /dev/stdout}, {@code /dev/null} or a named pipe: there is no file to replace, and renaming
     * over one would swap the device node for a regular file (as root, even /dev/null), so write into it.
     */
    private static boolean isDeviceOrPipe(Path target) {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    private static void writeThrough(Path target, String what, Content content) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE))) {
            content.writeTo(out);
        } catch (IOException e) {
            throw new InputException("cannot write " + what + " to " + target + ": " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
