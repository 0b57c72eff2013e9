package io.portcullis.testing;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Offers bytes held in memory to an analyzer as the layer walker offers a file of a layer. */
public final class InMemoryFile {

    private InMemoryFile() {
    }

    /** @param path as the walker gives it: relative to the image root, no leading slash */
    public static FileAnalysis analyze(Analyzer analyzer, String path, byte[] content) throws IOException {
        return analyzer.analyze(new AnalyzedFile(path, content.length, new ByteArrayInputStream(content), JvmTempDirectory.get()));
    }
}
