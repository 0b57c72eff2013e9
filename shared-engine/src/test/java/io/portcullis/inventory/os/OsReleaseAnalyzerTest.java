package io.portcullis.inventory.os;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.OperatingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsReleaseAnalyzerTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/os-release");
    private static final Path SYFT = FIXTURES.resolve("syft/syft/linux/testdata");
    private static final Path TRIVY = FIXTURES.resolve("trivy/pkg/fanal/analyzer/os/release/testdata");

    private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

    /** Every fixture in os-release syntax: syft's os-release files and loose samples, all of trivy's. */
    static Stream<Path> osReleaseFixtures() throws IOException {
        assertTrue(Files.isDirectory(FIXTURES), "shared fixtures missing: " + FIXTURES.toAbsolutePath());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SYFT)) {
            walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().equals("os-release")).forEach(files::add);
        }
        for (String loose : List.of("debian-8", "ubuntu-20.04", "centos-8", "rhel-8", "unprintable")) {
            files.add(SYFT.resolve(loose));
        }
        try (Stream<Path> list = Files.list(TRIVY)) {
            list.forEach(files::add);
        }
        return files.stream().sorted();
    }

    /**
     * The specification makes os-release a shell fragment, so the shell is the reference parser.
     * Carriage returns (one fixture has CRLF lines) are dropped from the shell's values: the
     * shell keeps them as data, we treat them as line ends.
     */
    @ParameterizedTest
    @MethodSource("osReleaseFixtures")
    void osReleaseMatchesWhatTheShellReads(Path fixture) throws Exception {
        Map<String, String> shell = sourceWithShell(fixture);
        FileAnalysis analysis = analyze(analyzer, "etc/os-release", Files.readAllBytes(fixture));

        String id = shell.get("ID");
        if (id.isEmpty()) {
            assertNull(analysis.os(), fixture.toString());
            assertTrue(analysis.warnings().stream().anyMatch(w -> w.startsWith("etc/os-release") && w.contains("no ID")),
                    analysis.warnings().toString());
            return;
        }
        OperatingSystem os = analysis.os();
        assertNotNull(os, fixture + " " + analysis.warnings());
        assertEquals(id.toLowerCase(Locale.ROOT), os.id());
        assertEquals(emptyToNull(shell.get("VERSION_ID")), os.versionId());
        String pretty = shell.get("PRETTY_NAME").isEmpty() ? shell.get("NAME") : shell.get("PRETTY_NAME");
        assertEquals(emptyToNull(pretty), os.prettyName());
        if (!shell.get("VERSION_CODENAME").isEmpty()) {
            assertEquals(shell.get("VERSION_CODENAME"), os.codename());
        }
        assertTrue(analysis.warnings().isEmpty(), analysis.warnings().toString());
    }

    @Test
    void codenameFallsBackToTheParenthesisedVersionButNotWhenVersionCodenameIsEmpty() throws IOException {
        assertEquals("jessie", analyzeFixture("etc/os-release", SYFT.resolve("debian-8")).os().codename());
        assertEquals("Ootpa", analyzeFixture("etc/os-release", SYFT.resolve("rhel-8")).os().codename());
        // Fedora writes VERSION_CODENAME="" and VERSION="36 (Container Image)": a variant, not a codename.
        assertNull(analyzeFixture("usr/lib/os-release", SYFT.resolve("os/fedora/usr/lib/os-release")).os().codename());
    }

    @Test
    void quotingFollowsTheSpecification() throws IOException {
        String text = "ID='Odd'\nVERSION_ID=\"1.\\\"2\\\\\"\nPRETTY_NAME=plain\\ word\n# comment\nVERSION_CODENAME=\"a\"'b'c\n";
        OperatingSystem os = analyze(analyzer, "etc/os-release", text.getBytes(StandardCharsets.UTF_8)).os();
        assertEquals(new OperatingSystem("odd", "1.\"2\\", "abc", "plain word"), os);
    }

    @Test
    void unterminatedQuoteIsAWarningNamingThePath() throws IOException {
        FileAnalysis analysis = analyze(analyzer, "usr/lib/os-release", "ID=debian\nPRETTY_NAME=\"Debian\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("debian", analysis.os().id());
        assertEquals(List.of("usr/lib/os-release line 2: unterminated double quote"), analysis.warnings());
    }

    @Test
    void debianVersionKeepsThePointRelease() throws IOException {
        OperatingSystem os = analyzeFixture("etc/debian_version", SYFT.resolve("os/debian/with-point-release/etc/debian_version")).os();
        assertEquals(new OperatingSystem("debian", "13.5", null, null), os);
        OperatingSystem testing = analyze(analyzer, "etc/debian_version", "trixie/sid\n".getBytes(StandardCharsets.UTF_8)).os();
        assertEquals(new OperatingSystem("debian", null, "trixie", null), testing);
    }

    @Test
    void releaseLineFilesNameDistributionVersionAndCodename() throws IOException {
        assertEquals(new OperatingSystem("rhel", "8.10", "Ootpa", "Red Hat Enterprise Linux release 8.10 (Ootpa)"),
                analyzeFixture("etc/redhat-release", SYFT.resolve("os/redhat/from-redhat-release/etc/redhat-release")).os());
        assertEquals(new OperatingSystem("rocky", "8.10", "Green Obsidian", "Rocky Linux release 8.10 (Green Obsidian)"),
                analyzeFixture("etc/redhat-release", SYFT.resolve("os/rockylinux/from-redhat-release/etc/redhat-release")).os());
        assertEquals(new OperatingSystem("almalinux", "8.10", "Cerulean Leopard", "AlmaLinux release 8.10 (Cerulean Leopard)"),
                analyzeFixture("etc/redhat-release", SYFT.resolve("os/almalinux/from-redhat-release/etc/redhat-release")).os());
        assertEquals(new OperatingSystem("scientific", "7.9", "Nitrogen", "Scientific Linux release 7.9 (Nitrogen)"),
                analyzeFixture("etc/redhat-release", SYFT.resolve("os/scientific/from-redhat-release/etc/redhat-release")).os());
        assertEquals(new OperatingSystem("centos", "5.7", "Final", "CentOS release 5.7 (Final)"),
                analyzeFixture("etc/centos-release", SYFT.resolve("os/centos5/etc/redhat-release")).os());
    }

    @Test
    void unrecognisedReleaseLineIsAWarning() throws IOException {
        FileAnalysis junk = analyzeFixture("etc/system-release", SYFT.resolve("bad-system-release-cpe"));
        assertNull(junk.os());
        assertEquals(List.of("etc/system-release: not a \"NAME release VERSION\" line"), junk.warnings());
        FileAnalysis unknown = analyze(analyzer, "etc/redhat-release", "Foo OS release 3 (Bar)".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("etc/redhat-release: unknown distribution \"Foo OS\""), unknown.warnings());
    }

    @Test
    void emptyFilesAreWarnings() throws IOException {
        FileAnalysis empty = analyzeFixture("etc/os-release", SYFT.resolve("os/empty/etc/os-release"));
        assertNull(empty.os());
        assertEquals(List.of("etc/os-release: no ID field"), empty.warnings());
        assertEquals(List.of("etc/alpine-release: empty release file"),
                analyze(analyzer, "etc/alpine-release", new byte[0]).warnings());
    }

    @Test
    void lsbReleaseIsRead() throws IOException {
        String text = "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\nDISTRIB_DESCRIPTION=\"Ubuntu 20.04.6 LTS\"\n";
        assertEquals(new OperatingSystem("ubuntu", "20.04", "focal", "Ubuntu 20.04.6 LTS"),
                analyze(analyzer, "etc/lsb-release", text.getBytes(StandardCharsets.UTF_8)).os());
    }

    @Test
    void distrolessDebianTakesItsVersionFromDebianVersion() throws IOException {
        Path root = SYFT.resolve("os/debian/from-debian_version");
        OperatingSystem osRelease = analyzeFixture("etc/os-release", root.resolve("etc/os-release")).os();
        OperatingSystem debianVersion = analyzeFixture("etc/debian_version", root.resolve("etc/debian_version")).os();
        OperatingSystem resolved = OsResolution.resolve(Map.of("etc/os-release", osRelease, "etc/debian_version", debianVersion));
        assertEquals(new OperatingSystem("debian", "10.8", null, "Distroless"), resolved);
    }

    @Test
    void osReleaseWinsOverOtherFiles() throws IOException {
        Path root = SYFT.resolve("os/debian/with-point-release/etc");
        OperatingSystem osRelease = analyzeFixture("etc/os-release", root.resolve("os-release")).os();
        OperatingSystem debianVersion = analyzeFixture("etc/debian_version", root.resolve("debian_version")).os();
        OperatingSystem resolved = OsResolution.resolve(Map.of("etc/debian_version", debianVersion, "etc/os-release", osRelease));
        assertEquals("13", resolved.versionId());
        assertEquals("trixie", resolved.codename());
        assertNull(OsResolution.resolve(Map.of()));
    }

    @Test
    void acceptsOnlyReleaseFiles() {
        for (String path : List.of("etc/os-release", "usr/lib/os-release", "etc/debian_version", "etc/alpine-release",
                "etc/redhat-release", "etc/centos-release", "etc/rocky-release", "etc/almalinux-release",
                "etc/system-release", "etc/lsb-release")) {
            assertTrue(analyzer.accepts(path, 300), path);
        }
        for (String path : Set.of("etc/os-release.d/x", "usr/etc/os-release", "etc/passwd", "etc/os-releasex")) {
            assertFalse(analyzer.accepts(path, 300), path);
        }
        assertFalse(analyzer.accepts("etc/os-release", 10_000_000));
    }

    private FileAnalysis analyzeFixture(String imagePath, Path fixture) throws IOException {
        return analyze(analyzer, imagePath, Files.readAllBytes(fixture));
    }

    private static Map<String, String> sourceWithShell(Path fixture) throws Exception {
        String script = ". \"$1\"; printf '%s\\0' \"$ID\" \"$VERSION_ID\" \"$PRETTY_NAME\" \"$NAME\" \"$VERSION_CODENAME\"";
        Process p = new ProcessBuilder("env", "-i", "sh", "-c", script, "sh", fixture.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertEquals(0, p.waitFor(), "sh could not source " + fixture + ": " + out);
        String[] parts = out.split("\0", -1);
        return Map.of("ID", parts[0], "VERSION_ID", parts[1], "PRETTY_NAME", parts[2], "NAME", parts[3],
                "VERSION_CODENAME", parts[4]);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
