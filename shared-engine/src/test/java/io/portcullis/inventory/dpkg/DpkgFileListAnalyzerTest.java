package io.portcullis.inventory.dpkg;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.InMemoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file lists of this Debian machine's own python3 packages are read by us and listed by
 * {@code dpkg-query -L}; distroless md5sums fixtures are compared with {@code cut}'s reading.
 */
class DpkgFileListAnalyzerTest {

    private static final Path DPKG_INFO = Path.of("/var/lib/dpkg/info");
    private static final Path FIXTURES = Path.of("../shared/fixtures/dpkg");

    private final DpkgFileListAnalyzer analyzer = new DpkgFileListAnalyzer();

    static Stream<Path> python3Lists() throws IOException {
        assertTrue(Files.isRegularFile(DPKG_INFO.resolve("python3-packaging.list")),
                "this test reads the machine's dpkg database; python3-packaging (in .ci/install-deps) must be installed");
        try (Stream<Path> files = Files.list(DPKG_INFO)) {
            return files.filter(f -> f.getFileName().toString().startsWith("python3") && f.getFileName().toString().endsWith(".list"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("python3Lists")
    void ownedPathsAreWhatDpkgQueryLists(Path list) throws Exception {
        String fileName = list.getFileName().toString();
        String packageName = fileName.substring(0, fileName.length() - ".list".length()).replaceFirst(":.*", "");
        Set<String> expected = run(List.of("dpkg-query", "-L", packageName)).lines()
                .filter(l -> l.startsWith("/") && !l.equals("/."))
                .map(l -> l.substring(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expected.isEmpty(), "dpkg-query lists no files for " + packageName);

        FileAnalysis analysis = analyze(analyzer, "var/lib/dpkg/info/" + fileName, Files.readAllBytes(list));

        assertEquals(Map.of(packageName, expected), analysis.ownedPaths());
        assertEquals(List.of(), analysis.warnings());
        assertEquals(List.of(), analysis.packages());
    }

    @ParameterizedTest
    @CsvSource({
            "syft/syft/pkg/cataloger/debian/testdata/image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0.md5sums, libsqlite3-0",
            "scalibr/extractor/filesystem/os/dpkg/testdata/dpkg/status.d/foo.md5sums, foo"})
    void distrolessMd5sumsOwnTheirFiles(String fixture, String owner) throws Exception {
        Path file = FIXTURES.resolve(fixture);
        assertTrue(Files.isRegularFile(file), "shared fixture missing: " + file.toAbsolutePath());
        Set<String> expected = new TreeSet<>(run(List.of("cut", "-c35-", file.toAbsolutePath().toString())).lines().toList());

        FileAnalysis analysis = analyze(analyzer, "var/lib/dpkg/status.d/" + file.getFileName(), Files.readAllBytes(file));

        assertEquals(Map.of(owner, expected), analysis.ownedPaths());
        assertEquals(List.of(), analysis.warnings());
    }

    @Test
    void linesThatAreNoPathAreCountedIntoOneWarning() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(DPKG_INFO.resolve("python3-packaging.list")));
        lines.add(3, "usr/relative/path");
        lines.add(5, "garbage");
        String path = "var/lib/dpkg/info/python3-packaging.list";

        FileAnalysis analysis = analyze(analyzer, path, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(path + " line 4: not an absolute path (2 such lines ignored)"), analysis.warnings());
        assertEquals(lines.size() - 3, analysis.ownedPaths().get("python3-packaging").size(), "all but /. and the two bad lines");
    }

    @Test
    void acceptsFileListsAndDistrolessMd5sumsOnly() {
        for (String root : List.of("var/lib/dpkg/", "usr/lib/dpkg/")) {
            assertTrue(analyzer.accepts(root + "info/libc6:amd64.list", 10));
            assertTrue(analyzer.accepts(root + "status.d/libc6.md5sums", 10));
            assertFalse(analyzer.accepts(root + "info/libc6.md5sums", 10), "info/ has the complete .list");
            assertFalse(analyzer.accepts(root + "status.d/libc6", 10), "control data is the status analyzer's");
            assertFalse(analyzer.accepts(root + "info/.list", 10));
            assertFalse(analyzer.accepts(root + "info/sub/x.list", 10));
            assertFalse(analyzer.accepts(root + "status", 10));
        }
        assertFalse(analyzer.accepts("home/u/var/lib/dpkg/info/x.list", 10));
    }

    private static String run(List<String> command) {
        return ExternalCommand.run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }
}
