package io.portcullis.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's python3-* packages installed on this machine (their dist-info/egg-info metadata) against the real
 * PYSEC records. Expected findings: a small Python reference matcher over the same zip, ordering versions with
 * Python's own {@code packaging} (Debian python3-packaging).
 */
class PyPiMatchTest {

    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    @TempDir
    Path dir;

    @Test
    void findingsAreExactlyWhatPackagingSays() throws Exception {
        List<Package> packages = distributions();
        assertTrue(packages.size() >= 5, "python3 distributions installed: " + packages);

        Map<String, Set<String>> expected = new TreeMap<>();
        for (String line : reference(packages)) {
            String[] f = line.split("\t");
            expected.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
        }
        assertTrue(!expected.isEmpty(), "Debian's cryptography/pip/setuptools have PYSEC records: " + packages);

        Map<String, Set<String>> recordsOf = recordIdsByPackage();
        Path db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("PyPI.zip"))).build();
        Map<String, Set<String>> actual = new TreeMap<>();
        try (VulnDb vulnDb = VulnDb.open(db)) {
            for (Finding finding : new Matcher().match(new Inventory(null, packages, List.of()), vulnDb)) {
                Set<String> own = recordsOf.getOrDefault(Ecosystem.PYPI.normalizeName(finding.pkg().name()), Set.of());
                Set<String> ids = actual.computeIfAbsent(finding.pkg().name(), k -> new TreeSet<>());
                ids.add(finding.vulnerabilityId());
                finding.aliases().stream().filter(own::contains).forEach(ids::add);
                assertTrue(finding.aliases().stream().anyMatch(a -> a.startsWith("CVE-") || a.startsWith("GHSA-")),
                        "PYSEC aliases are listed: " + finding);
            }
        }
        assertEquals(expected, actual);
    }

    private static Map<String, Set<String>> recordIdsByPackage() throws Exception {
        Map<String, Set<String>> ids = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (ZipFile zip = new ZipFile(SharedData.osvZip("PyPI.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                JsonNode record = json.readTree(zip.getInputStream(entries.nextElement()));
                for (JsonNode affected : record.path("affected")) {
                    ids.computeIfAbsent(Ecosystem.PYPI.normalizeName(affected.at("/package/name").asText()), k -> new HashSet<>())
                            .add(record.path("id").asText());
                }
            }
        }
        return ids;
    }

    /** Name and Version of every *.dist-info/METADATA and *.egg-info (file or PKG-INFO inside). */
    private static List<Package> distributions() throws Exception {
        if (!Files.isDirectory(DIST_PACKAGES)) {
            throw new IllegalStateException(DIST_PACKAGES + " missing: install Debian's python3 packages (.ci/install-deps)");
        }
        List<Package> packages = new ArrayList<>();
        try (Stream<Path> entries = Files.list(DIST_PACKAGES)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                Path metadata = name.endsWith(".dist-info") ? entry.resolve("METADATA")
                        : name.endsWith(".egg-info") ? (Files.isDirectory(entry) ? entry.resolve("PKG-INFO") : entry) : null;
                if (metadata == null || !Files.isRegularFile(metadata)) {
                    continue;
                }
                Map<String, String> headers = new HashMap<>();
                for (String line : Files.readAllLines(metadata, StandardCharsets.UTF_8)) {
                    if (line.isEmpty()) {
                        break;
                    }
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).strip());
                    }
                }
                if (headers.containsKey("Name") && headers.containsKey("Version")) {
                    packages.add(new Package("pypi", headers.get("Name"), headers.get("Version"), null, null, null,
                            List.of(new Location(null, metadata.toString())), "test", null, null));
                }
            }
        }
        return packages;
    }

    private List<String> reference(List<Package> packages) throws Exception {
        Path script = dir.resolve("osv-pypi-reference.py");
        try (InputStream in = PyPiMatchTest.class.getResourceAsStream("osv-pypi-reference.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("python3", script.toString(), SharedData.osvZip("PyPI.zip").toString())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(packages.stream().map(p -> p.name() + "\t" + p.version() + "\n").collect(Collectors.joining())
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0, Files.readString(dir.resolve("err.txt")));
        return lines;
    }
}
