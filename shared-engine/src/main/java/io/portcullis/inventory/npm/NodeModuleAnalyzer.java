package io.portcullis.inventory.npm;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Installed npm packages: the {@code package.json} directly inside {@code node_modules/<name>/} or
 * {@code node_modules/@scope/<name>/}. Other package.json files (test fixtures shipped inside a
 * package, examples, the application's own manifest) are not installed packages and are skipped.
 */
public final class NodeModuleAnalyzer implements Analyzer {

    private static final Pattern INSTALLED_MANIFEST =
            Pattern.compile("(?:.*/)?node_modules/(?:@[^/]+/)?[^/@][^/]*/package\\.json");

    @Override
    public String id() {
        return "npm-node-modules";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.endsWith("/package.json") && INSTALLED_MANIFEST.matcher(path).matches();
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        PackageManifest.Read read = PackageManifest.read(file);
        if (read.problem() != null) {
            return read.problem();
        }
        if (!read.manifest().hasIdentity()) {
            return FileAnalysis.warning(file.path() + ": package.json without name or version");
        }
        return FileAnalysis.packages(List.of(read.manifest().toPackage(id(), null)));
    }
}
