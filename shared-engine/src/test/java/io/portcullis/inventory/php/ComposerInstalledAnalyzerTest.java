package io.portcullis.inventory.php;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposerInstalledAnalyzerTest {

    private static final Path FIXTURES = Path.of("shared-engine/src/test/resources/fixtures/php/syft");
    /** Independent reader: Python's json module, leaving out what Composer 2 lists as dev packages. */
    private static final String PYTHON_READER = String.join("\n",
            "import json, sys",
            "doc = json.load(open(sys.argv[1], encoding='utf-8'))",
            "pkgs, dev = (doc, []) if isinstance(doc, list) else (doc['packages'], doc.get('dev-package-names', []))",
            "for p in pkgs:",
            "    if p['name'] not in dev:",
            "        print('\\t'.join([p['name'], p['version'], ','.join(p.get('license', []))]))");

    private final ComposerInstalledAnalyzer analyzer = new ComposerInstalledAnalyzer();

    @Test
    void readsInstalledJsonUnderAnyVendorDir() {
        assertTrue(analyzer.accepts("var/www/html/vendor/composer/installed.json", 1));
        assertTrue(analyzer.accepts("vendor/composer/installed.json", 1));
        assertTrue(analyzer.accepts("var/www/nextcloud/lib/composer/composer/installed.json", 1));
        assertFalse(analyzer.accepts("var/www/html/composer.json", 1));
        assertFalse(analyzer.accepts("var/www/html/vendor/composer/installed.php", 1));
    }

    /** Syft's Composer 1 (array) and Composer 2 (object, one dev package) fixtures, against Python's reading. */
    @ParameterizedTest
    @ValueSource(strings = {"composer_1", "composer_2"})
    void findsWhatAnIndependentReaderFinds(String layout) throws Exception {
        Path installed = FIXTURES.resolve(layout).resolve("installed.json");
        assertTrue(Files.isRegularFile(installed), installed + " missing");
        Set<String> reference = new TreeSet<>(python(installed).lines().toList());

        FileAnalysis analysis = analyze(analyzer, "srv/app/vendor/composer/installed.json", Files.readAllBytes(installed));

        Set<String> ours = analysis.packages().stream()
                .map(p -> p.name() + "\t" + p.version() + "\t" + String.join(",", p.licenses()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(reference.isEmpty());
        assertEquals(reference, ours);
        assertTrue(analysis.packages().stream().allMatch(p -> p.type().equals("composer")
                && p.locations().get(0).path().equals("srv/app/vendor/composer/installed.json")));
        assertTrue(analysis.warnings().isEmpty());
    }

    @Test
    void composerTwoDevPackagesAreLeftOut() throws Exception {
        byte[] installed = Files.readAllBytes(FIXTURES.resolve("composer_2/installed.json"));
        List<String> names = analyze(analyzer, "vendor/composer/installed.json", installed).packages().stream().map(p -> p.name()).toList();
        assertTrue(new String(installed, StandardCharsets.UTF_8).contains("\"dev-package-names\": [\n        \"behat/mink\""));
        assertFalse(names.contains("behat/mink"), names.toString());
    }

    @Test
    void truncatedFileIsAWarningNamingThePath() throws Exception {
        byte[] installed = Files.readAllBytes(FIXTURES.resolve("composer_2/installed.json"));
        FileAnalysis analysis = analyze(analyzer, "app/vendor/composer/installed.json", Arrays.copyOf(installed, installed.length / 2));
        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size());
        assertTrue(analysis.warnings().get(0).startsWith("app/vendor/composer/installed.json: invalid JSON"), analysis.warnings().toString());
    }

    @Test
    void jsonOfAnotherShapeIsAWarning() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "app/vendor/composer/installed.json", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(analysis.packages().isEmpty());
        assertEquals(List.of("app/vendor/composer/installed.json: neither a Composer 1 package array nor a Composer 2 object with \"packages\""),
                analysis.warnings());
    }

    private static String python(Path file) {
        return ExternalCommand.run(Duration.ofMinutes(1), "python3", "-c", PYTHON_READER, file.toString());
    }
}
