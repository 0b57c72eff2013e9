package io.portcullis.inventory.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.analyzer.AnalyzedFile;
import io.portcullis.analyzer.Analyzer;
import io.portcullis.analyzer.FileAnalysis;
import io.portcullis.analyzer.JsonContent;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The application itself: a {@code package.json} outside any {@code node_modules} (the app's own manifest, e.g.
 * {@code /app/package.json}) is the application component, as Trivy lists it. It carries the property
 * {@value #APPLICATION}{@code =true}; it is in the SBOM but not matched against advisories, because an
 * application that happens to share a name with a registry package is not that package.
 * A manifest without a version (common for private apps) is not a component and is skipped.
 */
public final class NpmApplicationAnalyzer implements Analyzer {

    /** Property set to {@code true} on the application component (its package.json or its lockfile's root). */
    public static final String APPLICATION = "application";

    @Override
    public String id() {
        return "npm-application";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return (path.equals("package.json") || path.endsWith("/package.json")) && !path.contains("node_modules/");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        JsonContent json = JsonContent.read(file);
        if (json.invalid()) {
            return json.warning();
        }
        JsonNode manifest = json.root();
        if (manifest == null || !manifest.isObject()) {
            return FileAnalysis.warning(file.path() + ": package.json is not a JSON object");
        }
        String name = manifest.path("name").asText("");
        String version = manifest.path("version").asText("");
        if (name.isBlank() || version.isBlank()) {
            return FileAnalysis.packages(List.of());
        }
        String license = manifest.path("license").asText("");
        return FileAnalysis.packages(List.of(new Package("npm", name, version, null, null, null,
                List.of(new Location(null, file.path())), id(), license.isBlank() ? List.of() : List.of(license),
                Map.of(APPLICATION, "true"))));
    }
}
