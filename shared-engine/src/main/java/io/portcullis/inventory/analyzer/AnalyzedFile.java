package io.portcullis.inventory.analyzer;

import java.io.InputStream;

/**
 * One regular file of a layer offered to an analyzer that asked for its path.
 * The stream is valid only during {@link Analyzer#analyze} and must not be closed by the analyzer.
 *
 * @param path path relative to the image root, no leading slash ("var/lib/dpkg/status")
 * @param size size in bytes as the tar header states it
 * @param content the file's bytes
 */
public record AnalyzedFile(String path, long size, InputStream content) {
}
