package io.portcullis.inventory.dotnet;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
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

class DepsJsonAnalyzerTest {

    private static final Path FIXTURES = Path.of("shared-engine/src/test/resources/fixtures/dotnet/trivy");
    /**
     * Independent reader (Python's json module) of the same rules: package and runtimepack libraries,
     * minus those the runtime target lists without runtime, runtimeTargets or native assets.
     */
    private static final String PYTHON_READER = String.join("\n",
            "import json, sys",
            "doc = json.load(open(sys.argv[1], encoding='utf-8'))",
            "target = doc.get('targets', {}).get(doc.get('runtimeTarget', {}).get('name', ''), {})",
            "for key, lib in doc['libraries'].items():",
            "    kind = lib.get('type', '').lower()",
            "    if kind not in ('package', 'runtimepack'):",
            "        continue",
            "    if key in target and not any(target[key].get(s) for s in ('runtime', 'runtimeTargets', 'native')):",
            "        continue",
            "    name, version = key.split('/', 1)",
            "    if kind == 'runtimepack' and name.startswith('runtimepack.'):",
            "        name = name[len('runtimepack.'):]",
            "    print(name + '/' + version + '\\t' + lib.get('sha512', ''))");

    private final DepsJsonAnalyzer analyzer = new DepsJsonAnalyzer();

    @Test
    void readsDepsJsonFiles() {
        assertTrue(analyzer.accepts("app/ExampleApp1.deps.json", 1));
        assertFalse(analyzer.accepts("app/ExampleApp1.runtimeconfig.json", 1));
        assertFalse(analyzer.accepts("app/ExampleApp1.dll", 1));
    }

    /** Trivy's deps.json test data, against Python's reading of the same files. */
    @ParameterizedTest
    @ValueSource(strings = {"ExampleApp1.deps.json", "multi-project/Web.deps.json", "without-runtime.deps.json", "runtimepack-edge.deps.json"})
    void findsWhatAnIndependentReaderFinds(String fixture) throws Exception {
        Path deps = FIXTURES.resolve(fixture);
        assertTrue(Files.isRegularFile(deps), deps + " missing");
        Set<String> reference = new TreeSet<>(python(deps).lines().toList());

        FileAnalysis analysis = analyze(analyzer, "app/" + deps.getFileName(), Files.readAllBytes(deps));

        Set<String> ours = analysis.packages().stream()
                .map(p -> p.name() + "/" + p.version() + "\t" + p.properties().getOrDefault("sha512", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(reference.isEmpty());
        assertEquals(reference, ours);
        assertTrue(analysis.packages().stream().allMatch(p -> p.type().equals("nuget")));
        assertTrue(analysis.warnings().isEmpty());
    }

    @Test
    void projectsAndAssetlessPackagesAreLeftOutAndTheRuntimePackIsNamedAsOnNuget() throws Exception {
        Set<String> web = names("multi-project/Web.deps.json");
        assertEquals(Set.of("Newtonsoft.Json/13.0.3"), web, "Web, Api and Data are projects");
        Set<String> withoutRuntime = names("without-runtime.deps.json");
        assertFalse(withoutRuntime.contains("Microsoft.NETCore.App/1.1.2"), "a meta-package with only dependencies ships no code");
        assertTrue(withoutRuntime.contains("System.Collections.Immutable/1.3.0"), "absent from the target: kept");
        assertTrue(names("runtimepack-edge.deps.json").contains("Microsoft.NETCore.App.Runtime.linux-x64/8.0.0"));
    }

    @Test
    void truncatedFileIsAWarningNamingThePath() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "app/InvalidJson.deps.json", Files.readAllBytes(FIXTURES.resolve("InvalidJson.deps.json")));
        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size());
        assertTrue(analysis.warnings().get(0).startsWith("app/InvalidJson.deps.json: invalid JSON"), analysis.warnings().toString());
    }

    @Test
    void jsonWithoutLibrariesIsAWarning() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "app/x.deps.json", "[]".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("app/x.deps.json: .deps.json without a \"libraries\" object"), analysis.warnings());
    }

    private Set<String> names(String fixture) throws IOException {
        List<Package> packages = analyze(analyzer, "app/x.deps.json", Files.readAllBytes(FIXTURES.resolve(fixture))).packages();
        return packages.stream().map(p -> p.name() + "/" + p.version()).collect(Collectors.toSet());
    }

    private static String python(Path file) {
        return ExternalCommand.run(Duration.ofMinutes(1), "python3", "-c", PYTHON_READER, file.toString());
    }
}
