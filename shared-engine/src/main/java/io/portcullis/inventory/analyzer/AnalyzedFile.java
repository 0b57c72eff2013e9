package io.portcullis.inventory.analyzer;

import java.io.InputStream;
import java.util.Objects;

/**
 * One regular file of a layer offered to an analyzer that asked for its path.
 * The stream is valid only during {@link Analyzer#analyze} and must not be closed by the analyzer.
 *
 * @param path path relative to the image root, no leading slash ("var/lib/dpkg/status")
 * @param size size in bytes as the tar header states it
 * @param content the file's bytes
 * @param nestedArchives the nested archives the layer's files may still open, shared by the whole layer
 */
public record AnalyzedFile(String path, long size, InputStream content, NestedArchiveBudget nestedArchives) {

    public AnalyzedFile {
        Objects.requireNonNull(nestedArchives, "nestedArchives");
    }

    /** A file analysed on its own, with the default nested-archive limits. */
    public AnalyzedFile(String path, long size, InputStream content) {
        this(path, size, content, NestedArchiveBudget.forOneFile());
    }
}
