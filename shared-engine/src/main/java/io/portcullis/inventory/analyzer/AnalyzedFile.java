package io.portcullis.inventory.analyzer;

import io.portcullis.TempDirectory;

import java.io.InputStream;
import java.util.Objects;

/**
 * One regular file of a layer offered to an analyzer that asked for its path.
 * The stream is valid only during {@link Analyzer#analyze} and must not be closed by the analyzer.
 *
 * @param path path relative to the image root, no leading slash ("var/lib/dpkg/status")
 * @param size size in bytes as the tar header states it; never more than the scan's per-file limit
 * @param content the file's bytes
 * @param tempDirectory the scan's temp directory: where an analyzer that needs random access copies
 *     the file (and deletes the copy before it returns); never the JVM's temp dir
 * @param nestedArchives the nested archives the layer's files may still open, shared by the whole layer
 */
public record AnalyzedFile(String path, long size, InputStream content, TempDirectory tempDirectory, NestedArchiveBudget nestedArchives) {

    public AnalyzedFile {
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        Objects.requireNonNull(nestedArchives, "nestedArchives");
    }

    /** A file analysed on its own, with the default nested-archive limits. */
    public AnalyzedFile(String path, long size, InputStream content, TempDirectory tempDirectory) {
        this(path, size, content, tempDirectory, NestedArchiveBudget.forOneFile());
    }
}
