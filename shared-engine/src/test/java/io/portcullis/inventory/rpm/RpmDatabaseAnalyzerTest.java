package io.portcullis.inventory.rpm;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.InMemoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sqlite and Berkeley DB fixtures are read by us and by Debian's rpm 4.18 ({@code rpm
 * --dbpath DIR -qa}) and must agree on every package. Debian's rpm has no NDB backend (its
 * backends are sqlite, bdb_ro and dummy), so the NDB fixture is checked against facts found in
 * the raw bytes by grep.
 */
class RpmDatabaseAnalyzerTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/rpm");
    private static final Path GO_RPMDB = FIXTURES.resolve("go-rpmdb/pkg/testdata");
    private static final Path SYFT = FIXTURES.resolve("syft/syft/pkg/cataloger/redhat/testdata");
    private static final String QUERY_FORMAT = "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n";

    private final RpmDatabaseAnalyzer analyzer = new RpmDatabaseAnalyzer();

    @ParameterizedTest
    @CsvSource({
            "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, sqlite",
            "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite, sqlite",
            "go-rpmdb/pkg/testdata/libuuid/Packages, var/lib/rpm/Packages, bdb_ro",
            "syft/syft/pkg/cataloger/redhat/testdata/Packages, usr/share/rpm/Packages, bdb_ro"})
    void packagesAgreeWithRpm(String fixture, String imagePath, String backend) throws Exception {
        Path database = FIXTURES.resolve(fixture);
        List<String> expected = rpmQuery(database, backend);
        assertFalse(expected.isEmpty(), "rpm found no packages in " + fixture);

        FileAnalysis analysis = analyze(analyzer, imagePath, Files.readAllBytes(database));
        assertEquals(List.of(), analysis.warnings());
        assertEquals(expected, rows(analysis.packages()));
        for (Package p : analysis.packages()) {
            assertEquals(new Location(null, imagePath), p.locations().get(0));
            assertEquals("rpm", p.type());
            assertEquals(composedVersion(p), p.version());
        }
    }

    /**
     * Every package's owned paths are exactly the paths {@code rpm -qa --qf '[%{NAME} %{FILENAMES}]'}
     * lists for it (what {@code rpm -ql} prints), root-relative; spot-checked against {@code rpm -qal NAME} (-qa, as the bare databases have no Name index).
     */
    @ParameterizedTest
    @CsvSource({
            "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite, sqlite, glibc",
            "go-rpmdb/pkg/testdata/libuuid/Packages, bdb_ro, libuuid",
            "syft/syft/pkg/cataloger/redhat/testdata/Packages, bdb_ro, dive"})
    void ownedPathsAreTheFilesRpmLists(String fixture, String backend, String spotChecked) throws Exception {
        Path database = FIXTURES.resolve(fixture);
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String row : rpmQuery(database, backend, "[%{=NAME}\\t%{FILENAMES}\\n]")) {
            String[] fields = row.split("\t", 2);
            if (!fields[0].equals("gpg-pubkey")) {
                expected.computeIfAbsent(fields[0], n -> new TreeSet<>()).add(fields[1].substring(1));
            }
        }
        assertFalse(expected.isEmpty(), "rpm lists no files in " + fixture);

        FileAnalysis analysis = analyze(analyzer, "var/lib/rpm/" + database.getFileName(), Files.readAllBytes(database));
        assertEquals(expected, analysis.ownedPaths());

        List<String> listed = rpmQueryPackage(database, backend, spotChecked);
        assertFalse(listed.isEmpty(), "rpm -qal " + spotChecked + " listed " + listed);
        assertEquals(listed.size(), analysis.ownedPaths().get(spotChecked).size());
        assertEquals(new TreeSet<>(listed.stream().map(f -> f.substring(1)).toList()), analysis.ownedPaths().get(spotChecked));
    }

    @Test
    void sourcePackageAndPropertiesOfOneKnownPackage() throws Exception {
        Path database = GO_RPMDB.resolve("libuuid/Packages");
        String row = rpmQuery(database, "bdb_ro").get(0);
        assertEquals("libuuid\t(none)\t2.32.1\t42.el8_8\tx86_64\tutil-linux-2.32.1-42.el8_8.src.rpm", row);
        Package p = analyze(analyzer, "var/lib/rpm/Packages", Files.readAllBytes(database)).packages().get(0);
        assertEquals("2.32.1-42.el8_8", p.version());
        assertEquals(new SourcePackage("util-linux", "2.32.1-42.el8_8"), p.source());
        assertEquals(rpmQuery(database, "bdb_ro", "%{LICENSE}\\n").get(0), p.licenses().get(0));
        assertEquals(rpmQuery(database, "bdb_ro", "%{SIZE}\\n").get(0), p.properties().get("size"));
        assertEquals(rpmQuery(database, "bdb_ro", "%{VENDOR}\\n").get(0), p.properties().get("vendor"));
    }

    @Test
    void epochIsPrefixedToTheVersion() throws Exception {
        Path database = GO_RPMDB.resolve("cbl-mariner-2.0/rpmdb.sqlite");
        List<String> withEpoch = rpmQuery(database, "sqlite").stream().filter(r -> !r.split("\t")[1].equals("(none)")).toList();
        assertFalse(withEpoch.isEmpty(), "the mariner fixture has packages with an epoch");
        List<Package> packages = analyze(analyzer, "var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(database)).packages();
        for (String row : withEpoch) {
            String[] f = row.split("\t");
            Package p = packages.stream().filter(x -> x.name().equals(f[0])).findFirst().orElseThrow();
            assertEquals(f[1] + ":" + f[2] + "-" + f[3], p.version());
            assertEquals(f[1], p.properties().get("epoch"));
        }
    }

    /**
     * go-rpmdb's blob.bin is one bare Fedora header. Put alone into a copy of the sqlite database,
     * rpm reads it (its digests no longer match, hence --nosignature --nodigest) and so must we.
     */
    @Test
    void bareHeaderBlobAgreesWithRpm() throws Exception {
        Path dir = Files.createTempDirectory("rpmdb-blob");
        try {
            Path database = dir.resolve("rpmdb.sqlite");
            Files.copy(GO_RPMDB.resolve("cbl-mariner-2.0/rpmdb.sqlite"), database);
            database.toFile().setWritable(true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                 Statement delete = c.createStatement();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                delete.execute("DELETE FROM Packages");
                insert.setBytes(1, Files.readAllBytes(GO_RPMDB.resolve("blob.bin")));
                insert.executeUpdate();
            }
            List<String> expected = run(List.of("rpm", "--nosignature", "--nodigest", "--dbpath", dir.toAbsolutePath().toString(),
                    "-qa", "--qf", QUERY_FORMAT.replace("\\n", "\\t%{LICENSE}\\n"))).lines().toList();
            assertEquals(1, expected.size(), expected.toString());

            FileAnalysis analysis = analyze(analyzer, "var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(database));
            assertEquals(List.of(), analysis.warnings());
            Package p = analysis.packages().get(0);
            assertEquals(expected, List.of(rows(List.of(p)).get(0) + "\t" + p.licenses().get(0)));
            // Its DIRINDEXES point past DIRNAMES; rpm then lists the package but not its files.
            List<String> listed = run(List.of("rpm", "--nosignature", "--nodigest", "--dbpath", dir.toAbsolutePath().toString(), "-qal"))
                    .lines().toList();
            assertEquals(List.of("(contains no files)"), listed);
            assertEquals(Map.of(), analysis.ownedPaths());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * NDB: every source rpm file name grep finds in the raw file (one per stored header) is one
     * of ours and vice versa, and each package's name, version and release occur in the file as
     * NUL-terminated strings, as the header data store keeps them.
     */
    @Test
    void ndbPackagesAgreeWithTheRawFile() throws Exception {
        Path database = GO_RPMDB.resolve("sle15-bci/Packages.db");
        byte[] bytes = Files.readAllBytes(database);
        FileAnalysis analysis = analyze(analyzer, "usr/lib/sysimage/rpm/Packages.db", bytes);
        assertEquals(List.of(), analysis.warnings());

        List<String> grepped = new ArrayList<>(run(List.of("grep", "-a", "-o", "-E", "[[:alnum:]_.+~^-]+\\.src\\.rpm",
                database.toAbsolutePath().toString())).lines().toList());
        List<String> ours = new ArrayList<>(analysis.packages().stream().map(p -> p.properties().get("sourcerpm")).toList());
        grepped.sort(Comparator.naturalOrder());
        ours.sort(Comparator.naturalOrder());
        assertEquals(grepped, ours);
        assertTrue(ours.size() > 30);

        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        for (Package p : analysis.packages()) {
            for (String s : List.of(p.name(), p.properties().get("version"), p.properties().get("release"), p.arch())) {
                assertTrue(raw.contains("\0" + s + "\0"), p.name() + ": " + s + " not in the file");
            }
            Matcher m = Pattern.compile("(.+)-([^-]+-[^-]+)\\.src\\.rpm").matcher(p.properties().get("sourcerpm"));
            assertTrue(m.matches());
            assertEquals(new SourcePackage(m.group(1), m.group(2)), p.source());
        }
    }

    /** syft's glob-paths fixtures are empty or 5-byte stand-ins: each must be a warning naming its path. */
    @Test
    void placeholderFilesAreWarnings() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SYFT.resolve("glob-paths"))) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("rpmmanifest")).sorted().toList();
        }
        assertEquals(9, files.size(), files.toString());
        for (Path f : files) {
            String imagePath = SYFT.resolve("glob-paths").relativize(f).toString();
            assertTrue(analyzer.accepts(imagePath, Files.size(f)), imagePath);
            FileAnalysis analysis = analyze(analyzer, imagePath, Files.readAllBytes(f));
            assertEquals(List.of(), analysis.packages());
            assertEquals(1, analysis.warnings().size(), imagePath + " " + analysis.warnings());
            assertTrue(analysis.warnings().get(0).startsWith(imagePath + ": "), analysis.warnings().get(0));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, 65536",
            "go-rpmdb/pkg/testdata/libuuid/Packages, var/lib/rpm/Packages, 16384",
            "go-rpmdb/pkg/testdata/sle15-bci/Packages.db, var/lib/rpm/Packages.db, 65536"})
    void truncatedDatabaseIsAWarning(String fixture, String imagePath, int keep) throws IOException {
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(FIXTURES.resolve(fixture)), keep);
        FileAnalysis analysis = analyze(analyzer, imagePath, truncated);
        assertEquals(1, analysis.warnings().size(), analysis.warnings().toString());
        assertTrue(analysis.warnings().get(0).startsWith(imagePath + ": "), analysis.warnings().get(0));
    }

    @Test
    void acceptsTheThreeFormatsInTheThreeDirectories() {
        for (String dir : List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/", "usr/share/rpm/")) {
            for (String name : List.of("Packages", "Packages.db", "rpmdb.sqlite")) {
                assertTrue(analyzer.accepts(dir + name, 100), dir + name);
            }
            assertFalse(analyzer.accepts(dir + "Name", 100));
            assertFalse(analyzer.accepts(dir + "rpmdb.sqlite-shm", 100));
        }
        assertFalse(analyzer.accepts("var/lib/rpmmanifest/container-manifest-2", 100));
    }

    private static List<String> rows(List<Package> packages) {
        return packages.stream().map(p -> String.join("\t", p.name(), p.properties().getOrDefault("epoch", "(none)"),
                        p.properties().get("version"), p.properties().get("release"), p.arch(), p.properties().get("sourcerpm")))
                .sorted().toList();
    }

    private static String composedVersion(Package p) {
        String epoch = p.properties().get("epoch");
        return (epoch == null ? "" : epoch + ":") + p.properties().get("version") + "-" + p.properties().get("release");
    }

    private static List<String> rpmQuery(Path database, String backend) throws Exception {
        return rpmQuery(database, backend, QUERY_FORMAT).stream().filter(r -> !r.startsWith("gpg-pubkey\t")).sorted().toList();
    }

    private static List<String> rpmQuery(Path database, String backend, String format) throws Exception {
        return rpmOnCopy(database, backend, List.of("-qa", "--qf", format));
    }

    private static List<String> rpmQueryPackage(Path database, String backend, String name) throws Exception {
        return rpmOnCopy(database, backend, List.of("-qal", name));
    }

    /** rpm writes beside its database (sqlite -shm, lock files), so it reads a copy in a temp dir. */
    private static List<String> rpmOnCopy(Path database, String backend, List<String> query) throws Exception {
        Path dir = Files.createTempDirectory("rpmdb");
        try {
            Files.copy(database, dir.resolve(database.getFileName()));
            List<String> command = new ArrayList<>(List.of("rpm", "--define", "_db_backend " + backend,
                    "--dbpath", dir.toAbsolutePath().toString()));
            command.addAll(query);
            String out = run(command);
            return out.lines().filter(l -> !l.startsWith("warning: ")).toList();
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String run(List<String> command) {
        return ExternalCommand.run(Duration.ofMinutes(1), command.toArray(String[]::new));
    }
}
