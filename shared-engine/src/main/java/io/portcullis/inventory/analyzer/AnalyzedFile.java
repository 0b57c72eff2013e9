package io.portcullis.inventory.analyzer;

import io.portcullis.TempDirectory;

import java.io.InputStream;

/**
 * One regular file of a layer offered to an analyzer that asked for its path.
 * The stream is valid only during {@link Analyzer#analyze} and must not be closed by the analyzer.
 *
 * @param path path relative to the image root, no leading slash ("var/lib/dpkg/status")
 * @param size size in bytes as the tar header states it; never more than the scan's per-file limit
 * @param content the file's bytes
 * @param tempDirectory the scan's temp directory: where an analyzer that needs random access copies
 *     the file (and deletes the copy before it returns); never the JVM's temp dir
 */
public record AnalyzedFile(String path, long size, InputStream content, TempDirectory tempDirectory) {
}
