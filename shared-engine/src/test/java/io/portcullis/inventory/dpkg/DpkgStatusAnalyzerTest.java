package io.portcullis.inventory.dpkg;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.inventory.Txtar;
import io.portcullis.testing.InMemoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dpkg status fixture is read by us and by {@code dpkg-query} over a temporary admin
 * directory holding it as {@code status}; the installed packages must agree field for field.
 */
class DpkgStatusAnalyzerTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/dpkg");
    private static final String INSTALLED_STATUS = "Status: install ok installed";
    private static final Pattern RELATIONSHIP_FIELD = Pattern.compile(
            "(?i)(Pre-Depends|Depends|Recommends|Suggests|Breaks|Conflicts|Provides|Replaces|Enhances|Built-Using):");

    private final DpkgStatusAnalyzer analyzer = new DpkgStatusAnalyzer();

    record Fixture(String label, String imagePath, String content) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> fixtures() throws IOException {
        assertTrue(Files.isDirectory(FIXTURES), "shared fixtures missing: " + FIXTURES.toAbsolutePath());
        List<Fixture> fixtures = new ArrayList<>();
        Path scalibr = FIXTURES.resolve("scalibr/extractor/filesystem/os/dpkg/testdata/dpkg");
        try (Stream<Path> files = Files.list(scalibr)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> fixtures.add(
                    new Fixture("scalibr/" + f.getFileName(), "var/lib/dpkg/status", read(f))));
        }
        fixtures.add(new Fixture("scalibr/status.d/foo", "var/lib/dpkg/status.d/foo", read(scalibr.resolve("status.d/foo"))));
        Path syft = FIXTURES.resolve("syft/syft/pkg/cataloger/debian/testdata");
        try (Stream<Path> walk = Files.walk(syft)) {
            walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                String rel = syft.relativize(f).toString();
                int root = Math.max(rel.indexOf("var/lib/dpkg/"), rel.indexOf("usr/lib/dpkg/"));
                if (root >= 0 && new DpkgStatusAnalyzer().accepts(rel.substring(root), 1)) {
                    fixtures.add(new Fixture("syft/" + rel, rel.substring(root), read(f)));
                }
            });
        }
        Path trivy = FIXTURES.resolve("trivy/pkg/fanal/analyzer/pkg/dpkg/testdata");
        try (Stream<Path> files = Files.list(trivy)) {
            files.filter(f -> f.toString().endsWith(".txtar")).sorted().forEach(f -> {
                String status = Txtar.files(read(f)).get("var/lib/dpkg/status");
                if (status != null) {
                    fixtures.add(new Fixture("trivy/" + f.getFileName(), "var/lib/dpkg/status", status));
                }
            });
        }
        assertTrue(fixtures.size() > 25, "expected the dpkg fixtures, found " + fixtures.size());
        return fixtures.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void installedPackagesAgreeWithDpkgQuery(Fixture fixture) throws Exception {
        FileAnalysis analysis = analyze(fixture.imagePath(), fixture.content());
        String reference = withoutRelationshipFields(fixture.imagePath().contains("/status.d/")
                ? withStatusWhereMissing(fixture.content()) : fixture.content());

        DpkgQuery whole = DpkgQuery.run(reference);
        TreeSet<String> expected = new TreeSet<>();
        if (whole.ok()) {
            expected.addAll(whole.installed());
            assertEquals(List.of(), analysis.warnings(), "dpkg-query accepts the file, so should we");
        } else {
            // dpkg-query rejects the whole file; we keep every paragraph it accepts on its own.
            for (String paragraph : paragraphs(reference)) {
                DpkgQuery one = DpkgQuery.run(paragraph + "\n");
                if (one.ok()) {
                    expected.addAll(one.installed());
                }
            }
            assertFalse(analysis.warnings().isEmpty(), "dpkg-query rejects " + fixture + " (" + whole.error() + "), we must warn");
            analysis.warnings().forEach(w -> assertTrue(w.startsWith(fixture.imagePath() + " "), w));
        }
        assertEquals(expected, ours(analysis), fixture.toString());
    }

    @Test
    void packageCarriesTypeSourceLocationAndStatusProperties() throws IOException {
        String status = read(FIXTURES.resolve("syft/syft/pkg/cataloger/debian/testdata/image-dpkg/var/lib/dpkg/status"));
        List<Package> packages = analyze("var/lib/dpkg/status", status).packages();
        assertEquals(1, packages.size());
        Package pam = packages.get(0);
        assertEquals(new Package("deb", "libpam-runtime", "1.1.8-3.6", "all", new SourcePackage("pam", "1.1.8-3.6"), null,
                List.of(new Location(null, "var/lib/dpkg/status")), "dpkg", List.of(),
                Map.of("status", "install ok installed", "installed-size", "1016")), pam);
    }

    /**
     * A database of a million packages is held until its SBOM is written, so a value many packages repeat is kept
     * once: this machine's own status file, where many packages share a version, an architecture and a property map.
     */
    @Test
    void repeatedValuesOfTheHostDatabaseAreOneInstanceEach() throws IOException {
        List<Package> packages = analyze("var/lib/dpkg/status", read(Path.of("/var/lib/dpkg/status"))).packages();
        assertTrue(packages.size() > 50, "this machine's dpkg database lists " + packages.size() + " packages");
        int sharedVersions = 0;
        int sharedProperties = 0;
        Map<String, String> firstVersion = new HashMap<>();
        Map<Map<String, String>, Map<String, String>> firstProperties = new HashMap<>();
        Map<String, String> firstArch = new HashMap<>();
        for (Package pkg : packages) {
            String version = firstVersion.putIfAbsent(pkg.version(), pkg.version());
            if (version != null) {
                assertSame(version, pkg.version(), pkg.name());
                sharedVersions++;
            }
            Map<String, String> properties = firstProperties.putIfAbsent(pkg.properties(), pkg.properties());
            if (properties != null) {
                assertSame(properties, pkg.properties(), pkg.name());
                sharedProperties++;
            }
            String arch = firstArch.putIfAbsent(pkg.arch(), pkg.arch());
            if (arch != null) {
                assertSame(arch, pkg.arch(), pkg.name());
            }
            assertSame(packages.get(0).locations(), pkg.locations(), pkg.name());
        }
        assertTrue(sharedVersions > 0 && sharedProperties > 0 && firstArch.size() < packages.size(),
                sharedVersions + " shared versions, " + sharedProperties + " shared property maps");
    }

    @Test
    void distrolessStatusDirectoryIsReadAndItsChecksumFilesAreNot() throws IOException {
        String base = "syft/syft/pkg/cataloger/debian/testdata/image-distroless-deb/var/lib/dpkg/status.d/";
        assertTrue(analyzer.accepts("var/lib/dpkg/status.d/libsqlite3-0", 546));
        assertFalse(analyzer.accepts("var/lib/dpkg/status.d/libsqlite3-0.md5sums", 459));
        assertFalse(analyzer.accepts("var/lib/dpkg/info/libc6.list", 100));
        assertFalse(analyzer.accepts("var/lib/dpkg/status-old", 100));
        assertTrue(analyzer.accepts("usr/lib/dpkg/status", 100));
        assertTrue(Files.exists(FIXTURES.resolve(base + "libsqlite3-0.md5sums")));
        Package sqlite = analyze("var/lib/dpkg/status.d/libsqlite3-0", read(FIXTURES.resolve(base + "libsqlite3-0"))).packages().get(0);
        assertEquals("libsqlite3-0", sqlite.name());
        assertEquals(new SourcePackage("sqlite3", "3.34.1-3"), sqlite.source());
        assertEquals("arm64", sqlite.arch());
        assertFalse(sqlite.properties().containsKey("status"));
    }

    private FileAnalysis analyze(String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return InMemoryFile.analyze(analyzer, path, bytes);
    }

    private static TreeSet<String> ours(FileAnalysis analysis) {
        TreeSet<String> rows = new TreeSet<>();
        for (Package p : analysis.packages()) {
            rows.add(String.join("\t", p.name(), p.version(), p.arch() == null ? "" : p.arch(),
                    p.source().name(), p.source().version()));
        }
        return rows;
    }

    /**
     * We do not read relationship fields, so we do not reject a package whose Depends uses
     * source-package syntax (syft's doc-examples has "foo [i386]"), which dpkg-query refuses.
     * The reference sees the file without them.
     */
    private static String withoutRelationshipFields(String content) {
        StringBuilder out = new StringBuilder();
        boolean dropping = false;
        for (String line : content.split("\n", -1)) {
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                dropping = RELATIONSHIP_FIELD.matcher(line).lookingAt();
            }
            if (!dropping) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Distroless writes no Status: every package in status.d is installed. dpkg needs it said. */
    private static String withStatusWhereMissing(String content) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : paragraphs(content)) {
            boolean hasStatus = paragraph.lines().anyMatch(l -> l.regionMatches(true, 0, "Status:", 0, 7));
            out.append(paragraph).append(hasStatus ? "" : "\n" + INSTALLED_STATUS).append("\n\n");
        }
        return out.toString();
    }

    private static List<String> paragraphs(String content) {
        return Stream.of(content.split("\n[ \t\r]*\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixture " + file, e);
        }
    }

    /** One run of the reference tool over a temporary admin directory. */
    record DpkgQuery(boolean ok, List<String> installed, String error) {
        static final String FORMAT = "${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\t${db:Status-Abbrev}\\n";

        static DpkgQuery run(String status) throws IOException, InterruptedException {
            Path admin = Files.createTempDirectory("dpkg-admin");
            try {
                Files.createDirectory(admin.resolve("info"));
                Files.createDirectory(admin.resolve("updates"));
                Files.createFile(admin.resolve("available"));
                Files.writeString(admin.resolve("status"), status, StandardCharsets.UTF_8);
                Process p;
                try {
                    p = new ProcessBuilder("dpkg-query", "--admindir=" + admin, "-W", "-f=" + FORMAT)
                            .redirectError(ProcessBuilder.Redirect.PIPE).start();
                } catch (IOException e) {
                    throw new IllegalStateException("dpkg-query (Debian package dpkg) is needed for this test", e);
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                List<String> installed = out.lines()
                        .map(l -> l.split("\t", -1))
                        .filter(f -> f.length == 6 && f[5].length() >= 2 && f[5].charAt(1) == 'i')
                        .map(f -> String.join("\t", f[0], f[1], f[2], f[3], f[4]))
                        .sorted(Comparator.naturalOrder()).toList();
                return new DpkgQuery(rc == 0, installed, err.strip());
            } finally {
                try (Stream<Path> walk = Files.walk(admin)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
