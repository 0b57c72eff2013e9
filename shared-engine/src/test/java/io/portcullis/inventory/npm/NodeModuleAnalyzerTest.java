package io.portcullis.inventory.npm;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeModuleAnalyzerTest {

    private static final Path APP = Path.of("shared-engine", "target", "test-artifacts", "npm-app");
    private final NodeModuleAnalyzer analyzer = new NodeModuleAnalyzer();

    /** Installs the checked-in lockfile's real packages from the npm registry, once per checkout. */
    @BeforeAll
    static void installRealPackages() throws Exception {
        if (Files.isDirectory(APP.resolve("node_modules"))) {
            return;
        }
        Files.createDirectories(APP);
        for (String f : List.of("package.json", "package-lock.json")) {
            Files.copy(Path.of("shared-engine/src/test/resources/npm-app", f), APP.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        run(APP, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
    }

    @Test
    void declaresInstalledManifestsOnly() {
        assertTrue(analyzer.accepts("app/node_modules/express/package.json", 1));
        assertTrue(analyzer.accepts("node_modules/@babel/core/package.json", 1));
        assertTrue(analyzer.accepts("app/node_modules/a/node_modules/b/package.json", 1));
        assertFalse(analyzer.accepts("app/package.json", 1));
        assertFalse(analyzer.accepts("app/node_modules/resolve/test/resolver/baz/package.json", 1));
        assertFalse(analyzer.accepts("app/node_modules/@scope/package.json", 1));
    }

    /** Every package npm itself says is installed, at the same path, and nothing else. */
    @Test
    void findsExactlyWhatNpmLsReports() throws Exception {
        Set<String> reference = new TreeSet<>();
        Path root = APP.toAbsolutePath();
        for (String line : run(APP, "npm", "ls", "--all", "--parseable", "--long").lines().toList()) {
            int colon = line.indexOf(':');
            Path dir = Path.of(line.substring(0, colon));
            if (!dir.equals(root)) {
                reference.add(root.relativize(dir) + "/package.json " + line.substring(colon + 1).split(":")[0]);
            }
        }
        Set<String> ours = new TreeSet<>();
        List<Path> manifests;
        try (Stream<Path> walk = Files.walk(APP.resolve("node_modules"))) {
            manifests = walk.filter(p -> p.getFileName().toString().equals("package.json")).toList();
        }
        for (Path manifest : manifests) {
            String path = APP.relativize(manifest).toString();
            if (analyzer.accepts(path, Files.size(manifest))) {
                for (Package p : analyze(analyzer, path, Files.readAllBytes(manifest)).packages()) {
                    ours.add(path + " " + p.name() + "@" + p.version());
                }
            }
        }
        assertTrue(reference.size() > 40, "npm ls listed too little: " + reference);
        assertEquals(reference, ours);
    }

    @Test
    void readsAllThreeLicenseSpellings() throws Exception {
        assertEquals(List.of("MIT"), licenses("{\"name\":\"a\",\"version\":\"1.0.0\",\"license\":\"MIT\"}"));
        assertEquals(List.of("ISC"), licenses("{\"name\":\"a\",\"version\":\"1.0.0\",\"license\":{\"type\":\"ISC\"}}"));
        assertEquals(List.of("MIT", "Apache-2.0"),
                licenses("{\"name\":\"a\",\"version\":\"1.0.0\",\"licenses\":[{\"type\":\"MIT\"},{\"type\":\"Apache-2.0\"}]}"));
    }

    @Test
    void invalidJsonAndMissingVersionAreWarnings() throws Exception {
        FileAnalysis broken = analyze(analyzer, "node_modules/x/package.json", "{\"name\": \"x\", ".getBytes(StandardCharsets.UTF_8));
        assertTrue(broken.packages().isEmpty());
        assertTrue(broken.warnings().get(0).startsWith("node_modules/x/package.json: invalid JSON"), broken.warnings().toString());

        FileAnalysis unversioned = analyze(analyzer, "node_modules/y/package.json", "{\"name\": \"y\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("node_modules/y/package.json: package.json without name or version"), unversioned.warnings());
    }

    private List<String> licenses(String json) throws IOException {
        return analyze(analyzer, "node_modules/a/package.json", json.getBytes(StandardCharsets.UTF_8)).packages().get(0).licenses();
    }

    private static String run(Path dir, String... command) {
        return ExternalCommand.run(dir, Duration.ofMinutes(10), command);
    }
}
