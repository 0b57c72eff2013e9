package io.portcullis.inventory.npm;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The application itself: a {@code package.json} outside any {@code node_modules} (the app's own manifest, e.g.
 * {@code /app/package.json}) is the application component, as Trivy lists it. It carries the property
 * {@value Package#APPLICATION}{@code =true}; it is in the SBOM but not matched against advisories, because an
 * application that happens to share a name with a registry package is not that package.
 * A manifest without a version (common for private apps) is not a component and is skipped.
 */
public final class NpmApplicationAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "npm-application";
    }

    @Override
    public int version() {
        // 2: licenses read in all three of npm's forms, like installed packages
        return 2;
    }

    @Override
    public boolean accepts(String path, long size) {
        return (path.equals("package.json") || path.endsWith("/package.json")) && !path.contains("node_modules/");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        PackageManifest.Read read = PackageManifest.read(file);
        if (read.problem() != null) {
            return read.problem();
        }
        if (!read.manifest().hasIdentity()) {
            return FileAnalysis.packages(List.of());
        }
        return FileAnalysis.packages(List.of(read.manifest().toPackage(id(), Map.of(Package.APPLICATION, "true"))));
    }
}
