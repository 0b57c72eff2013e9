package io.portcullis.inventory.ruby;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemspecAnalyzerTest {

    private static final List<Path> GEM_DIRS = List.of(Path.of("/usr/share/rubygems-integration/all/specifications"),
            Path.of("/usr/lib/ruby/gems"));
    private final GemspecAnalyzer analyzer = new GemspecAnalyzer();

    @Test
    void readsInstalledSpecificationsOnly() {
        assertTrue(analyzer.accepts("usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", 1));
        assertTrue(analyzer.accepts("usr/local/bundle/specifications/rack-2.2.3.gemspec", 1));
        assertFalse(analyzer.accepts("srv/app/myapp.gemspec", 1));
    }

    /** Debian's ruby packages' installed gemspecs, against what RubyGems itself loads from them. */
    @Test
    void agreesWithRubyGemsOnDebiansGems() throws Exception {
        List<Path> specs = new ArrayList<>();
        for (Path dir : GEM_DIRS) {
            assertTrue(Files.isDirectory(dir), dir + " missing: install ruby (.ci/install-deps)");
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".gemspec") && p.toString().contains("/specifications/")).forEach(specs::add);
            }
        }
        List<String> args = new ArrayList<>(List.of("ruby", "-e",
                "ARGV.each { |f| s = Gem::Specification.load(f); puts [s.name, s.version, s.licenses.join(',')].join(\"\\t\") }"));
        specs.forEach(p -> args.add(p.toString()));
        Set<String> reference = new TreeSet<>(run(args).lines().toList());

        Set<String> ours = new TreeSet<>();
        for (Path spec : specs) {
            String path = spec.toString().substring(1);
            assertTrue(analyzer.accepts(path, Files.size(spec)), path);
            for (Package p : analyze(analyzer, path, Files.readAllBytes(spec)).packages()) {
                ours.add(p.name() + "\t" + p.version() + "\t" + String.join(",", p.licenses()));
            }
        }
        assertTrue(reference.size() > 20, reference.toString());
        assertEquals(reference, ours);
    }

    @Test
    void aSpecWithoutVersionIsAWarning() throws Exception {
        byte[] spec = "Gem::Specification.new do |s|\n  s.name = \"x\".freeze\nend\n".getBytes(StandardCharsets.UTF_8);
        FileAnalysis analysis = analyze(analyzer, "gems/specifications/x.gemspec", spec);
        assertTrue(analysis.packages().isEmpty());
        assertEquals(List.of("gems/specifications/x.gemspec: gemspec without a name or version assignment"), analysis.warnings());
    }

    private static String run(List<String> command) {
        return ExternalCommand.run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }
}
