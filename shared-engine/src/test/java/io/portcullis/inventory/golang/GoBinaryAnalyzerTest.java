package io.portcullis.inventory.golang;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoBinaryAnalyzerTest {

    private final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

    @Test
    void looksOnlyAtLargeFilesWithoutExtension() {
        assertTrue(analyzer.accepts("usr/bin/skopeo", 30_000_000));
        assertFalse(analyzer.accepts("usr/bin/tiny", 10_000));
        assertFalse(analyzer.accepts("usr/lib/libfoo.so.1", 30_000_000));
    }

    /** Debian's skopeo is built by Debian's Go toolchain; `go version -m` is the reference. */
    @Test
    void readsTheGoVersionOfDebiansSkopeo() throws Exception {
        Path skopeo = Path.of("/usr/bin/skopeo");
        assertTrue(Files.isRegularFile(skopeo), "install skopeo (.ci/install-deps)");

        FileAnalysis analysis = analyze("usr/bin/skopeo", skopeo);

        assertEquals(goVersionM(skopeo), reported(analysis));
        Package stdlib = analysis.packages().stream().filter(p -> p.name().equals("stdlib")).findFirst().orElseThrow();
        assertTrue(stdlib.version().startsWith("v1."), stdlib.version());
    }

    /** A module build with a dependency replaced by a local module: replacements are what was compiled in. */
    @Test
    void readsModulesAndReplacementsOfAFreshBuild(@TempDir Path dir) throws Exception {
        Path dep = Files.createDirectories(dir.resolve("dep"));
        Files.writeString(dep.resolve("go.mod"), "module example.org/dep\n\ngo 1.19\n");
        Files.writeString(dep.resolve("dep.go"), "package dep\n\nfunc Hello() string { return \"hi\" }\n");
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("go.mod"), "module example.org/app\n\ngo 1.19\n\nrequire example.org/dep v1.4.0\n\n"
                + "replace example.org/dep v1.4.0 => example.org/dep v1.4.2\n");
        Files.writeString(app.resolve("go.mod"), "module example.org/app\n\ngo 1.19\n\nrequire example.org/dep v1.4.0\n\n"
                + "replace example.org/dep => ../dep\n");
        Files.writeString(app.resolve("main.go"), "package main\n\nimport (\n\t\"fmt\"\n\t\"example.org/dep\"\n)\n\n"
                + "func main() { fmt.Println(dep.Hello()) }\n");
        run(app, "go", "build", "-o", "app-bin", ".");
        Path binary = app.resolve("app-bin");

        FileAnalysis analysis = analyze("usr/local/bin/app-bin", binary);

        assertEquals(goVersionM(binary), reported(analysis));
        Package replaced = analysis.packages().stream().filter(p -> p.name().equals("../dep")).findFirst().orElseThrow();
        assertEquals("example.org/dep@v1.4.0", replaced.properties().get("replaces"));
    }

    @Test
    void aTruncatedGoBinaryIsAWarning(@TempDir Path dir) throws Exception {
        byte[] skopeo = Files.readAllBytes(Path.of("/usr/bin/skopeo"));
        Path truncated = dir.resolve("cut");
        Files.write(truncated, Arrays.copyOf(skopeo, 40));

        FileAnalysis analysis = analyze("usr/bin/cut", truncated);

        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size());
        assertTrue(analysis.warnings().get(0).startsWith("usr/bin/cut: truncated"), analysis.warnings().toString());
    }

    @Test
    void anElfNotBuiltByGoAndAScriptAreSilentlySkipped(@TempDir Path dir) throws Exception {
        FileAnalysis elf = analyze("usr/bin/dpkg", Path.of("/usr/bin/dpkg"));
        assertTrue(elf.packages().isEmpty() && elf.warnings().isEmpty(), elf.toString());

        Path script = dir.resolve("run");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        FileAnalysis text = analyze("usr/bin/run", script);
        assertTrue(text.packages().isEmpty() && text.warnings().isEmpty(), text.toString());
    }

    private FileAnalysis analyze(String path, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return analyzer.analyze(new AnalyzedFile(path, Files.size(file), in, JvmTempDirectory.get()));
        }
    }

    /** What we report, as "name version" lines, with stdlib's version written as the Go toolchain writes it. */
    private static Set<String> reported(FileAnalysis analysis) {
        Set<String> lines = new TreeSet<>();
        for (Package p : analysis.packages()) {
            lines.add(p.name().equals("stdlib") ? "go " + p.properties().get("goVersion") : p.name() + " " + p.version());
        }
        return lines;
    }

    /** `go version -m` output as "go goX.Y.Z" plus "path version" for the main module, deps and replacements. */
    private static Set<String> goVersionM(Path binary) throws Exception {
        String out = run(binary.getParent(), "go", "version", "-m", binary.toString());
        Set<String> lines = new TreeSet<>();
        String[] first = out.lines().findFirst().orElseThrow().split(": ");
        lines.add("go " + first[1].trim());
        String pending = null;
        for (String line : out.lines().skip(1).toList()) {
            String[] f = line.trim().split("\t");
            switch (f[0]) {
                case "mod", "dep" -> {
                    if (pending != null) {
                        lines.add(pending);
                    }
                    pending = f.length > 2 && !f[2].equals("(devel)") ? f[1] + " " + f[2] : null;
                }
                case "=>" -> pending = f[1] + " " + f[2];
                default -> { }
            }
        }
        if (pending != null) {
            lines.add(pending);
        }
        return lines;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GOPROXY", "off");
        builder.environment().put("GOFLAGS", "-mod=mod");
        builder.environment().put("GOCACHE", dir.resolve(".gocache").toAbsolutePath().toString());
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed: " + out);
        return out;
    }
}
