package io.portcullis.inventory.npm;

import io.portcullis.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageLockAnalyzerTest {

    private static final Path LOCKED_APP = Path.of("shared-engine/src/test/resources/npm-app");
    private final PackageLockAnalyzer analyzer = new PackageLockAnalyzer();

    @Test
    void readsApplicationLockfilesButNotNpmsHiddenOne() {
        assertTrue(analyzer.accepts("srv/app/package-lock.json", 1));
        assertTrue(analyzer.accepts("package-lock.json", 1));
        assertFalse(analyzer.accepts("srv/app/node_modules/.package-lock.json", 1));
        assertFalse(analyzer.accepts("srv/app/node_modules/x/package-lock.json", 1));
    }

    /** A lockfile written by real npm, against what `npm ls --package-lock-only` reads from it. */
    @Test
    void findsWhatNpmReadsFromTheSameLockfile(@TempDir Path dir) throws Exception {
        Files.copy(LOCKED_APP.resolve("package.json"), dir.resolve("package.json"));
        Files.copy(LOCKED_APP.resolve("package-lock.json"), dir.resolve("package-lock.json"));
        Set<String> reference = new TreeSet<>();
        for (String line : npm(dir, "ls", "--all", "--parseable", "--long", "--package-lock-only").lines().toList()) {
            String[] parts = line.split(":");
            if (!Path.of(parts[0]).equals(dir.toAbsolutePath())) {
                reference.add(parts[1]);
            }
        }

        FileAnalysis analysis = analyze(analyzer, "srv/app/package-lock.json", Files.readAllBytes(dir.resolve("package-lock.json")));

        // npm ls leaves out the root, the application itself; we list it too, marked as the application.
        Set<String> ours = analysis.packages().stream().filter(p -> !p.properties().containsKey(NpmApplicationAnalyzer.APPLICATION))
                .map(p -> p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(reference.size() > 40, reference.toString());
        assertEquals(reference, ours);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(npm(dir, "ls", "--package-lock-only", "--json"));
        List<String> application = analysis.packages().stream().filter(p -> p.properties().containsKey(NpmApplicationAnalyzer.APPLICATION))
                .map(p -> p.name() + "@" + p.version()).toList();
        assertEquals(List.of(root.path("name").asText() + "@" + root.path("version").asText()), application);
        assertTrue(analysis.packages().stream().allMatch(p -> "true".equals(p.properties().get("lockfile"))));
    }

    @Test
    void readsLockfileVersionOneTreesAndLeavesDevDependenciesOut() throws Exception {
        String v1 = "{\"lockfileVersion\":1,\"dependencies\":{"
                + "\"a\":{\"version\":\"1.0.0\",\"dependencies\":{\"b\":{\"version\":\"2.0.0\"}}},"
                + "\"jest\":{\"version\":\"29.0.0\",\"dev\":true}}}";
        List<Package> packages = analyze(analyzer, "app/package-lock.json", v1.getBytes(StandardCharsets.UTF_8)).packages();
        assertEquals(Set.of("a@1.0.0", "b@2.0.0"), packages.stream().map(p -> p.name() + "@" + p.version()).collect(Collectors.toSet()));
    }

    @Test
    void invalidJsonIsAWarning() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "app/package-lock.json", "{\"packages\": ".getBytes(StandardCharsets.UTF_8));
        assertTrue(analysis.packages().isEmpty());
        assertTrue(analysis.warnings().get(0).startsWith("app/package-lock.json: invalid JSON"));
    }

    private static String npm(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        return ExternalCommand.run(dir, Duration.ofMinutes(10), command.toArray(String[]::new));
    }
}
