package io.portcullis.layer;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only package database: files named {@code *.pkgs}, one package per line as
 * "type name version [arch [source]]". A malformed line becomes a warning, as real analyzers do.
 */
public final class PackageListTestAnalyzer implements Analyzer {

    private final int version;

    public PackageListTestAnalyzer() {
        this(1);
    }

    public PackageListTestAnalyzer(int version) {
        this.version = version;
    }

    @Override
    public String id() {
        return "test-pkgs";
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.endsWith(".pkgs");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(file.content(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank()) {
                continue;
            }
            if (f.length < 3) {
                warnings.add(file.path() + ": bad line '" + line + "'");
                continue;
            }
            packages.add(new Package(f[0], f[1], f[2], f.length > 3 ? f[3] : null,
                    f.length > 4 ? new SourcePackage(f[4], null) : null, null,
                    List.of(new Location(null, file.path())), id(), null, null));
        }
        return new FileAnalysis(packages, null, warnings);
    }
}
