package io.portcullis.inventory.analyzer;

import java.io.IOException;

/**
 * Reads one kind of file. Each analyzer declares the paths it needs, so the layer walker buffers
 * nothing else; it is called once per matching file per layer, and its results are cached by
 * (layer diffID, analyzer id, analyzer version).
 *
 * <p>Implementations are stateless and thread-safe. A malformed file is not an exception: return
 * a {@link FileAnalysis} with a warning naming the path. Throw only for I/O failures of the stream.
 */
public interface Analyzer {

    /** Stable identifier, used in cache keys and in each package's {@code foundBy}. */
    String id();

    /** Bump whenever the output for the same input changes, so cached results are not reused. */
    int version();

    /**
     * Whether this analyzer wants the file at {@code path} (relative, no leading slash).
     * Must be cheap: it is asked for every regular file of every layer.
     */
    boolean accepts(String path, long size);

    FileAnalysis analyze(AnalyzedFile file) throws IOException;
}
