package io.portcullis.inventory.python;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonMetadataAnalyzerTest {

    private static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");
    private static final Path SCALIBR = Path.of("../shared/fixtures/python/scalibr/extractor/filesystem/language/python/wheelegg/testdata");
    private static final Path SYFT = Path.of("../shared/fixtures/python/syft/syft/pkg/cataloger/python/testdata");

    private final PythonMetadataAnalyzer analyzer = new PythonMetadataAnalyzer();

    @Test
    void declaresMetadataPathsOnly() {
        assertTrue(analyzer.accepts("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA", 1));
        assertTrue(analyzer.accepts("usr/local/lib/python3.11/site-packages/foo-1.0-py3.11.egg-info/PKG-INFO", 1));
        assertTrue(analyzer.accepts("usr/lib/python3/dist-packages/perf-0.1.egg-info", 1));
        assertTrue(analyzer.accepts("opt/venv/lib/site-packages/egg-name/EGG-INFO/PKG-INFO", 1));
        assertFalse(analyzer.accepts("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD", 1));
        assertFalse(analyzer.accepts("srv/docs/METADATA", 1));
    }

    /** Debian's own python3-* packages on this machine, against what Python's importlib.metadata says of them. */
    @Test
    void matchesImportlibOnDebiansDistPackages() throws Exception {
        assertTrue(Files.isDirectory(DIST_PACKAGES), "Debian python3 packages missing: install python3-packaging (.ci/install-deps)");
        List<String> ours = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DIST_PACKAGES, 2)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String path = "usr/lib/python3/dist-packages/" + DIST_PACKAGES.relativize(file);
            if (analyzer.accepts(path, Files.size(file))) {
                for (Package p : analyze(analyzer, path, Files.readAllBytes(file)).packages()) {
                    ours.add(p.name() + "\t" + p.version());
                }
            }
        }
        List<String> reference = python(
                "import importlib.metadata as m\n"
                        + "for d in m.distributions(path=['" + DIST_PACKAGES + "']):\n"
                        + "    print(d.metadata['Name'] + '\\t' + d.version)\n");
        Collections.sort(ours);
        Collections.sort(reference);
        assertFalse(reference.isEmpty());
        assertEquals(reference, ours);
    }

    /** scalibr's and syft's edge cases, each against Python's own header parser. */
    @Test
    void agreesWithPythonsEmailParserOnTheSharedFixtures() throws Exception {
        List<Path> fixtures = new ArrayList<>();
        try (Stream<Path> s = Files.list(SCALIBR)) {
            s.filter(Files::isRegularFile).forEach(fixtures::add);
        }
        try (Stream<Path> s = Files.walk(SYFT.resolve("site-packages"))) {
            s.filter(p -> p.getFileName().toString().matches("METADATA|PKG-INFO|.*\\.egg-info")).forEach(fixtures::add);
        }
        assertTrue(fixtures.size() > 10, "python fixtures missing under ../shared/fixtures/python");
        StringBuilder script = new StringBuilder("import email\n");
        for (Path f : fixtures) {
            script.append("m = email.message_from_bytes(open('").append(f.toAbsolutePath()).append("','rb').read())\n")
                    .append("print(str(m.get('Name')).strip() + '\\t' + str(m.get('Version')).strip())\n");
        }
        List<String> reference = python(script.toString());
        for (int i = 0; i < fixtures.size(); i++) {
            Path f = fixtures.get(i);
            FileAnalysis analysis = analyze(analyzer, "site-packages/x.dist-info/METADATA", Files.readAllBytes(f));
            String[] expected = reference.get(i).split("\t");
            if (expected[0].equals("None") || expected[1].equals("None") || expected[0].isEmpty() || expected[1].isEmpty()) {
                assertTrue(analysis.packages().isEmpty(), f + " has no name/version for Python, yet we found " + analysis.packages());
                assertEquals(1, analysis.warnings().size(), f.toString());
            } else {
                assertEquals(1, analysis.packages().size(), f + ": " + analysis.warnings());
                assertEquals(expected[0], analysis.packages().get(0).name(), f.toString());
                assertEquals(expected[1], analysis.packages().get(0).version(), f.toString());
            }
        }
    }

    @Test
    void readsLatin1MetadataWithAWarningAndPrefersLicenseExpression() throws Exception {
        byte[] latin1 = "Metadata-Version: 2.4\nName: caf\u00e9-tools\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\nClassifier: License :: OSI Approved :: MIT License\n\nbody"
                .getBytes(StandardCharsets.ISO_8859_1);
        FileAnalysis analysis = analyze(analyzer, "site-packages/cafe_tools-1.0.dist-info/METADATA", latin1);
        assertEquals("caf\u00e9-tools", analysis.packages().get(0).name());
        assertEquals(List.of("MIT OR Apache-2.0"), analysis.packages().get(0).licenses());
        assertEquals(List.of("site-packages/cafe_tools-1.0.dist-info/METADATA: not valid UTF-8, read as ISO-8859-1"), analysis.warnings());
    }

    @Test
    void takesLicensesFromClassifiersWhenTheLicenseFieldIsTheWholeText() throws Exception {
        byte[] metadata = ("Metadata-Version: 2.1\nName: demo\nVersion: 2.0\nLicense: Copyright (c) someone\n        Permission is hereby granted\n"
                + "Classifier: License :: OSI Approved :: BSD License\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("BSD License"), analyze(analyzer, "a/demo-2.0.dist-info/METADATA", metadata).packages().get(0).licenses());
    }

    private static List<String> python(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, process.waitFor(), "python3 failed: " + out);
        return new ArrayList<>(out.lines().toList());
    }
}
