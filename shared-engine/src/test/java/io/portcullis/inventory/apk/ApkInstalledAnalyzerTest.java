package io.portcullis.inventory.apk;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.InMemoryFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every apk fixture is read by us and by an independent awk program over the same bytes; the
 * packages (name, version, arch, origin, license) must agree. Files with lines that are not
 * "K:value" must produce a warning naming the path.
 */
class ApkInstalledAnalyzerTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/apk");
    private static final Path ALPINE_IMAGE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");

    /** Prints one line per entry that has P: and V:, fields tab-separated; knows nothing of our code. */
    private static final String AWK = """
            function flush() { if (p != "" && v != "") print p "\\t" v "\\t" a "\\t" o "\\t" l; p = v = a = o = l = "" }
            /^P:/ && p == "" { p = substr($0, 3) }
            /^V:/ && v == "" { v = substr($0, 3) }
            /^A:/ && a == "" { a = substr($0, 3) }
            /^o:/ && o == "" { o = substr($0, 3) }
            /^L:/ && l == "" { l = substr($0, 3) }
            /^[ \\t]*$/ { flush() }
            END { flush() }
            """;

    private final ApkInstalledAnalyzer analyzer = new ApkInstalledAnalyzer();

    static Stream<Path> fixtures() throws IOException {
        assertTrue(Files.isDirectory(FIXTURES), "shared fixtures missing: " + FIXTURES.toAbsolutePath());
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            assertTrue(files.size() >= 13, "expected the apk fixtures, found " + files);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void packagesAgreeWithAwk(Path fixture) throws Exception {
        byte[] bytes = Files.readAllBytes(fixture);
        FileAnalysis analysis = analyze(bytes);
        assertEquals(awk(fixture), ours(analysis), fixture.toString());

        boolean hasForeignLines = new String(bytes, StandardCharsets.UTF_8).lines()
                .anyMatch(l -> !l.isBlank() && !l.matches("[A-Za-z]:.*"));
        boolean hasIncompleteEntries = awkIncompleteEntries(fixture);
        if (hasForeignLines || hasIncompleteEntries) {
            assertFalse(analysis.warnings().isEmpty(), "corrupt " + fixture + " must give a warning");
            analysis.warnings().forEach(w -> assertTrue(w.startsWith(ApkInstalledAnalyzer.PATH + " line "), w));
        } else {
            assertEquals(List.of(), analysis.warnings());
        }
    }

    @Test
    void corruptDatabaseWarnsWithTheLineAndKeepsTheWellFormedEntry() throws IOException {
        Path corrupt = FIXTURES.resolve("syft/syft/pkg/cataloger/alpine/testdata/corrupt/lib/apk/db/installed");
        FileAnalysis analysis = analyze(Files.readAllBytes(corrupt));
        List<String> lines = Files.readAllLines(corrupt);
        int bad = lines.indexOf("this is a corrupt db") + 1;
        assertEquals(List.of(ApkInstalledAnalyzer.PATH + " line " + bad + ": not a \"K:value\" line; ignored"), analysis.warnings());
    }

    @Test
    void packageCarriesSourceLicenseAndProperties() throws IOException {
        Path single = FIXTURES.resolve("scalibr/extractor/filesystem/os/apk/testdata/single");
        List<String> lines = Files.readAllLines(single);
        long fileLines = lines.stream().filter(l -> l.startsWith("R:")).count();
        Package p = analyze(Files.readAllBytes(single)).packages().get(0);
        assertEquals(new Package("apk", "alpine-baselayout-data", "3.4.3-r1", "x86_64",
                new SourcePackage("alpine-baselayout", "3.4.3-r1"), null,
                List.of(new Location(null, "lib/apk/db/installed")), "apk", List.of("GPL-2.0-only"),
                Map.of("description", "Alpine base dir structure and init scripts",
                        "maintainer", "Natanael Copa <ncopa@alpinelinux.org>",
                        "commit", "65502ca9379dd29d1ac4b0bf0dcf03a3dd1b324a",
                        "files", Long.toString(fileLines))), p);
        assertTrue(fileLines > 10);
    }

    @Test
    void noOriginMeansThePackageIsItsOwnSource() throws IOException {
        Package p = analyze(Files.readAllBytes(FIXTURES.resolve("scalibr/extractor/filesystem/os/apk/testdata/no-origin"))).packages().get(0);
        assertEquals(new SourcePackage("pkgname", "1.2.3"), p.source());
    }

    /** The real alpine:3.11 image: its single layer's database, read straight from the docker-save archive. */
    @Test
    void realAlpineImageDatabase() throws Exception {
        assertTrue(Files.isRegularFile(ALPINE_IMAGE), "shared fixture missing: " + ALPINE_IMAGE.toAbsolutePath());
        byte[] db = apkDatabaseFromImage();
        assertNotNull(db, "no lib/apk/db/installed in " + ALPINE_IMAGE);
        Path copy = Files.createTempFile("installed", "");
        try {
            Files.write(copy, db);
            FileAnalysis analysis = InMemoryFile.analyze(analyzer, ApkInstalledAnalyzer.PATH, db);
            long pLines = new String(db, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("P:")).count();
            assertEquals(pLines, analysis.packages().size());
            assertEquals(awk(copy), ours(analysis));
            assertEquals(List.of(), analysis.warnings());
            Package musl = analysis.packages().stream().filter(p -> p.name().equals("musl")).findFirst().orElseThrow();
            assertEquals("1.1.24-r2", musl.version());
        } finally {
            Files.delete(copy);
        }
    }

    /**
     * The real alpine:3.11 database: each package owns its F: directories and its R: files (joined
     * to the last F: above them), as an awk reading lists them; the file count equals the R: lines.
     */
    @Test
    void realAlpineImageOwnedPaths() throws Exception {
        assertTrue(Files.isRegularFile(ALPINE_IMAGE), "shared fixture missing: " + ALPINE_IMAGE.toAbsolutePath());
        byte[] db = apkDatabaseFromImage();
        assertNotNull(db, "no lib/apk/db/installed in " + ALPINE_IMAGE);
        Path copy = Files.createTempFile("installed", "");
        try {
            Files.write(copy, db);
            String program = "/^P:/ { p = substr($0, 3) } /^F:/ { d = substr($0, 3); print p \"\\t\" d }"
                    + " /^R:/ { print p \"\\t\" d \"/\" substr($0, 3) }";
            TreeSet<String> expected = new TreeSet<>(run(List.of("awk", program, copy.toAbsolutePath().toString())).lines().toList());
            long rLines = Long.parseLong(run(List.of("awk", "/^R:/ { n++ } END { print n }", copy.toAbsolutePath().toString())).strip());

            FileAnalysis analysis = InMemoryFile.analyze(analyzer, ApkInstalledAnalyzer.PATH, db);
            TreeSet<String> owned = new TreeSet<>();
            analysis.ownedPaths().forEach((pkg, paths) -> paths.forEach(path -> owned.add(pkg + "\t" + path)));
            assertEquals(expected, owned);
            assertTrue(rLines > 50, "alpine:3.11 has dozens of files, awk counted " + rLines);
            assertEquals(rLines, analysis.packages().stream().mapToLong(p -> Long.parseLong(p.properties().get("files"))).sum());
            assertTrue(analysis.ownedPaths().get("musl").contains("lib/ld-musl-x86_64.so.1"), analysis.ownedPaths().get("musl").toString());
        } finally {
            Files.delete(copy);
        }
    }

    private static byte[] apkDatabaseFromImage() throws IOException {
        try (TarArchiveInputStream save = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(ALPINE_IMAGE)))) {
            TarArchiveEntry entry;
            while ((entry = save.getNextEntry()) != null) {
                if (entry.getName().endsWith("/layer.tar")) {
                    return fileFromLayer(save);
                }
            }
        }
        return null;
    }

    private static byte[] fileFromLayer(InputStream layer) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.getName().equals(ApkInstalledAnalyzer.PATH)) {
                return tar.readAllBytes();
            }
        }
        return null;
    }

    private FileAnalysis analyze(byte[] bytes) throws IOException {
        return InMemoryFile.analyze(analyzer, ApkInstalledAnalyzer.PATH, bytes);
    }

    private static TreeSet<String> ours(FileAnalysis analysis) {
        return analysis.packages().stream()
                .map(p -> String.join("\t", p.name(), p.version(), p.arch() == null ? "" : p.arch(),
                        p.source().name(),
                        p.licenses().isEmpty() ? "" : p.licenses().get(0)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** awk's rows, with an absent origin read as the package's own name (apk's meaning of no origin). */
    private static TreeSet<String> awk(Path file) throws Exception {
        return run(List.of("awk", AWK, file.toAbsolutePath().toString())).lines()
                .map(l -> l.split("\t", -1))
                .map(f -> String.join("\t", f[0], f[1], f[2], f[3].isEmpty() ? f[0] : f[3], f[4]))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** An entry with content but no P: or no V: line, as awk sees it. */
    private static boolean awkIncompleteEntries(Path file) throws Exception {
        String program = "/^[ \\t]*$/ { if (n && !(p && v)) bad = 1; n = p = v = 0; next } { n = 1 } /^P:./ { p = 1 } /^V:./ { v = 1 }"
                + " END { if (n && !(p && v)) bad = 1; print bad + 0 }";
        return run(List.of("awk", program, file.toAbsolutePath().toString())).strip().equals("1");
    }

    private static String run(List<String> command) {
        return ExternalCommand.run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }
}
