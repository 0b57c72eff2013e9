package io.portcullis.layer;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/** Test-only analyzer that records the sha256 of every file it accepts, to compare with a reference tool. */
public final class RecordingTestAnalyzer implements Analyzer {

    private final String id;
    private final BiPredicate<String, Long> accepts;
    private final Map<String, String> sha256ByPath = new ConcurrentHashMap<>();

    public RecordingTestAnalyzer(String id, BiPredicate<String, Long> accepts) {
        this.id = id;
        this.accepts = accepts;
    }

    public Map<String, String> sha256ByPath() {
        return sha256ByPath;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return accepts.test(path, size);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = file.content().read(buffer)) >= 0) {
                sha256.update(buffer, 0, n);
                total += n;
            }
            if (total != file.size()) {
                throw new AssertionError(file.path() + ": read " + total + " bytes, header says " + file.size());
            }
            sha256ByPath.put(file.path(), HexFormat.of().formatHex(sha256.digest()));
            return FileAnalysis.EMPTY;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
