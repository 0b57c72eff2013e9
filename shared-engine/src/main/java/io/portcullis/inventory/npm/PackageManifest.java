package io.portcullis.inventory.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.JsonContent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code package.json} as npm reads a package's identity from it: name, version and licenses. Shared by
 * the installed-package and the application analyzers, which differ only in which files they take and what a
 * manifest without a name or version means to them.
 */
final class PackageManifest {

    private final String path;
    private final JsonNode manifest;

    private PackageManifest(String path, JsonNode manifest) {
        this.path = path;
        this.manifest = manifest;
    }

    /** The file's manifest, or the warning that stands for the file's analysis when it is not a JSON object. */
    static Read read(AnalyzedFile file) throws IOException {
        JsonContent json = JsonContent.read(file);
        if (json.invalid()) {
            return new Read(null, json.warning());
        }
        JsonNode root = json.root();
        if (root == null || !root.isObject()) {
            return new Read(null, FileAnalysis.warning(file.path() + ": package.json is not a JSON object"));
        }
        return new Read(new PackageManifest(file.path(), root), null);
    }

    /** Either a manifest or the analysis (a warning) that replaces it. */
    record Read(PackageManifest manifest, FileAnalysis problem) {
    }

    boolean hasIdentity() {
        return !name().isBlank() && !version().isBlank();
    }

    /** The manifest as one npm package found at its own path, by {@code analyzerId}, with the given properties. */
    Package toPackage(String analyzerId, Map<String, String> properties) {
        return new Package("npm", name(), version(), null, null, null, List.of(new Location(null, path)), analyzerId,
                licenses(), properties);
    }

    private String name() {
        return manifest.path("name").asText("");
    }

    private String version() {
        return manifest.path("version").asText("");
    }

    /** npm has written licenses three ways over the years: a string, an object with a type, an array of those. */
    private List<String> licenses() {
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
