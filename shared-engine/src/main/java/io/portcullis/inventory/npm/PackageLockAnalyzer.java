package io.portcullis.inventory.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.analyzer.AnalyzedFile;
import io.portcullis.analyzer.Analyzer;
import io.portcullis.analyzer.FileAnalysis;
import io.portcullis.analyzer.JsonContent;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * npm lockfiles ({@code package-lock.json}, lockfile versions 1 to 3) of applications shipped
 * without their {@code node_modules}. Development dependencies and workspace links are not
 * installed in production images and are left out. Packages carry the property
 * {@code lockfile=true} so the inventory can prefer what is really installed where both exist.
 */
public final class PackageLockAnalyzer implements Analyzer {

    /** Property set to {@code true} on every package read from a lockfile. */
    public static final String LOCKFILE = "lockfile";

    private static final String NODE_MODULES = "node_modules/";

    @Override
    public String id() {
        return "npm-package-lock";
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public boolean accepts(String path, long size) {
        // node_modules/.package-lock.json is npm's cache of the installed tree, which the node_modules analyzer reads directly.
        return (path.equals("package-lock.json") || path.endsWith("/package-lock.json")) && !path.contains(NODE_MODULES);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        JsonContent json = JsonContent.read(file);
        if (json.invalid()) {
            return json.warning();
        }
        JsonNode lock = json.root();
        if (lock == null || !lock.isObject()) {
            return FileAnalysis.warning(file.path() + ": package-lock.json is not a JSON object");
        }
        List<Package> packages = new ArrayList<>();
        JsonNode installed = lock.get("packages");
        if (installed != null && installed.isObject()) {
            applicationRoot(installed.path(""), file.path(), packages);
            installed.fields().forEachRemaining(e -> fromPackagesEntry(e.getKey(), e.getValue(), file.path(), packages));
        } else {
            applicationRoot(lock, file.path(), packages);
            fromDependencies(lock.get("dependencies"), file.path(), packages);
        }
        return FileAnalysis.packages(packages);
    }

    /** The lockfile's root (v2/v3 {@code packages[""]}, v1 the top level) is the application, like its package.json. */
    private void applicationRoot(JsonNode root, String path, List<Package> packages) {
        String name = root.path("name").asText("");
        String version = root.path("version").asText("");
        if (!name.isBlank() && !version.isBlank()) {
            String license = root.path("license").asText("");
            packages.add(new Package("npm", name, version, null, null, null, List.of(new Location(null, path)), id(),
                    license.isBlank() ? List.of() : List.of(license),
                    Map.of(LOCKFILE, "true", NpmApplicationAnalyzer.APPLICATION, "true")));
        }
    }

    /** Lockfile v2/v3: keys are install paths such as {@code node_modules/a/node_modules/@s/b}. */
    private void fromPackagesEntry(String key, JsonNode entry, String path, List<Package> packages) {
        int at = key.lastIndexOf(NODE_MODULES);
        if (at < 0 || entry.path("dev").asBoolean(false) || entry.path("link").asBoolean(false)) {
            return;
        }
        String name = entry.path("name").asText(key.substring(at + NODE_MODULES.length()));
        add(name, entry, path, packages);
    }

    /** Lockfile v1: a tree of {@code dependencies} objects keyed by package name. */
    private void fromDependencies(JsonNode dependencies, String path, List<Package> packages) {
        if (dependencies == null || !dependencies.isObject()) {
            return;
        }
        dependencies.fields().forEachRemaining(e -> {
            if (!e.getValue().path("dev").asBoolean(false)) {
                add(e.getKey(), e.getValue(), path, packages);
                fromDependencies(e.getValue().get("dependencies"), path, packages);
            }
        });
    }

    private void add(String name, JsonNode entry, String path, List<Package> packages) {
        String version = entry.path("version").asText("");
        if (name.isBlank() || version.isBlank()) {
            return;
        }
        String license = entry.path("license").asText("");
        packages.add(new Package("npm", name, version, null, null, null, List.of(new Location(null, path)), id(),
                license.isBlank() ? List.of() : List.of(license), Map.of(LOCKFILE, "true")));
    }
}
