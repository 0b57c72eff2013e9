package io.portcullis.layer;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.OperatingSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only stand-in for the real OS analyzers: os-release KEY=VALUE files, and
 * etc/alpine-release, whose single line is the version.
 */
public final class OsReleaseTestAnalyzer implements Analyzer {

    private final int version;

    public OsReleaseTestAnalyzer() {
        this(1);
    }

    public OsReleaseTestAnalyzer(int version) {
        this.version = version;
    }

    @Override
    public String id() {
        return "test-os-release";
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.equals("etc/os-release") || path.equals("usr/lib/os-release") || path.equals("etc/alpine-release");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        List<String> lines = new BufferedReader(new InputStreamReader(file.content(), StandardCharsets.UTF_8)).lines().toList();
        if (file.path().equals("etc/alpine-release")) {
            return new FileAnalysis(List.of(), new OperatingSystem("alpine", lines.get(0).trim(), null, null), List.of());
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        if (!fields.containsKey("ID")) {
            return FileAnalysis.warning(file.path() + ": no ID line");
        }
        return new FileAnalysis(List.of(),
                new OperatingSystem(fields.get("ID"), fields.get("VERSION_ID"), fields.get("VERSION_CODENAME"), fields.get("PRETTY_NAME")),
                List.of());
    }
}
