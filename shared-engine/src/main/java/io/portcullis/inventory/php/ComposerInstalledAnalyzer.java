package io.portcullis.inventory.php;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.JsonContent;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PHP packages Composer installed: {@code <vendor-dir>/composer/installed.json}, which Composer
 * rewrites on every install. Composer 1 writes a JSON array of packages; Composer 2 an object
 * whose {@code packages} array is accompanied by {@code dev-package-names}, and those development
 * packages are left out (Composer 1 does not mark them, so all its packages are reported).
 */
public final class ComposerInstalledAnalyzer implements Analyzer {

    // Composer always writes installed.json into "composer/" under the vendor dir, whose name is configurable.
    private static final String SUFFIX = "/composer/installed.json";

    @Override
    public String id() {
        return "php-composer-installed";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.endsWith(SUFFIX);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        JsonContent json = JsonContent.read(file);
        if (json.invalid()) {
            return json.warning();
        }
        JsonNode installed = json.root();
        JsonNode packages;
        Set<String> dev = new HashSet<>();
        if (installed != null && installed.isArray()) {
            packages = installed;
        } else if (installed != null && installed.path("packages").isArray()) {
            packages = installed.get("packages");
            installed.path("dev-package-names").forEach(name -> dev.add(name.asText()));
        } else {
            return FileAnalysis.warning(file.path() + ": neither a Composer 1 package array nor a Composer 2 object with \"packages\"");
        }
        List<Package> found = new ArrayList<>();
        for (JsonNode entry : packages) {
            String name = entry.path("name").asText("");
            String version = entry.path("version").asText("");
            if (!name.isBlank() && !version.isBlank() && !dev.contains(name)) {
                found.add(new Package("composer", name, version, null, null, null, List.of(new Location(null, file.path())),
                        id(), licenses(entry.get("license")), null));
            }
        }
        return FileAnalysis.packages(found);
    }

    /** Composer normalises {@code license} to an array, but a hand-edited file may hold one string. */
    private static List<String> licenses(JsonNode license) {
        List<String> licenses = new ArrayList<>();
        if (license != null && license.isArray()) {
            license.forEach(l -> licenses.add(l.asText()));
        } else if (license != null && license.isTextual()) {
            licenses.add(license.asText());
        }
        return licenses;
    }
}
