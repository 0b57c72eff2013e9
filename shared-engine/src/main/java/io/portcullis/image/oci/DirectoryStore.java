package io.portcullis.image.oci;

import io.portcullis.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A layout directory. Every path is resolved to its real location and must stay under the
 * layout's real root, so a blob that is a symlink to a file elsewhere is refused rather than read.
 */
final class DirectoryStore implements LayoutStore {

    private final Path root;
    private final Path realRoot;

    DirectoryStore(Path root) {
        this.root = root;
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new InputException(root + ": cannot read OCI layout directory: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public long size(String path) {
        Path file = resolve(path);
        try {
            return file != null && Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path file = resolve(path);
        if (file == null) {
            throw new InputException(root + ": " + path + " is missing");
        }
        return Files.newInputStream(file);
    }

    /** The real file for {@code path}, or null when it does not exist; an error when it lies outside the layout. */
    private Path resolve(String path) {
        Path candidate = realRoot.resolve(path).normalize();
        if (!Files.exists(candidate)) {
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new InputException(root + ": " + path + " links outside the layout directory");
            }
            return real;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
