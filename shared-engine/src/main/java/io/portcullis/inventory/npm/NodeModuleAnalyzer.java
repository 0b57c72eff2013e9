package io.portcullis.inventory.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.JsonContent;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
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
            return FileAnalysis.warning(file.path() + ": package.json without name or version");
        }
        return FileAnalysis.packages(List.of(new Package("npm", name, version, null, null, null,
                List.of(new Location(null, file.path())), id(), licenses(manifest), null)));
    }

    /** npm has written licenses three ways over the years: a string, an object with a type, an array of those. */
    private static List<String> licenses(JsonNode manifest) {
        List<String> licenses = new ArrayList<>();
        addLicense(manifest.get("license"), licenses);
        JsonNode legacy = manifest.get("licenses");
        if (legacy != null && legacy.isArray()) {
            legacy.forEach(node -> addLicense(node, licenses));
        }
        return licenses;
    }

    private static void addLicense(JsonNode node, List<String> licenses) {
        if (node == null) {
            return;
        }
        String license = node.isTextual() ? node.asText() : node.path("type").asText("");
        if (!license.isBlank()) {
            licenses.add(license);
        }
    }
}
