package io.portcullis.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This machine is a real Debian bookworm system: its {@code dpkg-query -W} list is the inventory, matched against
 * the real 2023 DSA/DLA data. The reference for every version comparison is {@code dpkg --compare-versions}.
 */
class DebianMatchTest {

    @TempDir
    static Path dir;
    static Path db;
    static List<Package> installed;

    @BeforeAll
    static void buildAndList() throws Exception {
        db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("Debian.zip"))).build();
        installed = dpkgQuery();
        assertTrue(installed.size() > 100, "dpkg-query lists this machine's packages: " + installed.size());
    }

    /** No DSA/DLA of the 2023 data names Debian 12, so a bookworm system has no finding at all. */
    @Test
    void bookwormAgainstThe2023DataHasNoFalsePositives() throws Exception {
        assertEquals(0, recordsFor("Debian:12").size(), "the 2023 data predates bookworm advisories");
        List<Finding> findings = match("12");
        for (Finding finding : findings) {
            assertFixedAboveInstalled(finding);
        }
        assertEquals(List.of(), findings);
    }

    /**
     * The same packages looked up as Debian 11 meet many bullseye advisories by source name; a finding must be
     * reported exactly where dpkg says the installed source version is below the advisory's fixed version
     * (with this machine's bookworm versions: nowhere), and every fixed version reported must be above it.
     */
    @Test
    void bullseyeLookupReportsExactlyWhatDpkgSaysIsBelowTheFix() throws Exception {
        Map<String, List<String[]>> bySource = new HashMap<>(); // source -> [id, fixed]
        for (JsonNode[] hit : recordsFor("Debian:11")) {
            JsonNode events = hit[1].at("/ranges/0/events");
            assertEquals("0", events.path(0).path("introduced").asText());
            bySource.computeIfAbsent(hit[1].at("/package/name").asText(), k -> new ArrayList<>())
                    .add(new String[] {hit[0].path("id").asText(), events.path(1).path("fixed").asText()});
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        int compared = 0;
        for (Package pkg : installed) {
            for (String[] record : bySource.getOrDefault(pkg.source().name(), List.of())) {
                compared++;
                if (dpkgLessThan(pkg.source().version(), record[1])) {
                    expected.computeIfAbsent(pkg.name(), k -> new TreeSet<>()).add(record[0]);
                }
            }
        }
        assertTrue(compared > 50, "installed source packages named by bullseye advisories: " + compared);

        Set<String> recordIds = new HashSet<>();
        bySource.values().forEach(list -> list.forEach(r -> recordIds.add(r[0])));
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Finding finding : match("11")) {
            assertFixedAboveInstalled(finding);
            Set<String> ids = actual.computeIfAbsent(finding.pkg().name(), k -> new TreeSet<>());
            ids.add(finding.vulnerabilityId());
            finding.aliases().stream().filter(recordIds::contains).forEach(ids::add);
        }
        assertEquals(expected, actual);
    }

    private static void assertFixedAboveInstalled(Finding finding) throws Exception {
        String installedSource = finding.pkg().source().version();
        assertFalse(finding.fixedVersions().isEmpty(), finding.toString());
        for (String fixed : finding.fixedVersions()) {
            assertTrue(dpkgLessThan(installedSource, fixed), finding.pkg().name() + " " + installedSource + " vs fixed " + fixed);
        }
    }

    private static List<Finding> match(String versionId) {
        try (VulnDb vulnDb = VulnDb.open(db)) {
            return new Matcher().match(new Inventory(new OperatingSystem("debian", versionId, null, null), installed, List.of()), vulnDb);
        }
    }

    /** [record, affected entry] for every affected entry of the given ecosystem. */
    private static List<JsonNode[]> recordsFor(String ecosystem) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode[]> hits = new ArrayList<>();
        try (ZipFile zip = new ZipFile(SharedData.osvZip("Debian.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                JsonNode record = json.readTree(zip.getInputStream(entries.nextElement()));
                for (JsonNode affected : record.path("affected")) {
                    if (affected.at("/package/ecosystem").asText().equals(ecosystem)) {
                        hits.add(new JsonNode[] {record, affected});
                    }
                }
            }
        }
        return hits;
    }

    static boolean dpkgLessThan(String a, String b) throws Exception {
        Process process = new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit > 1) {
            throw new IllegalStateException("dpkg --compare-versions " + a + " lt " + b + ": " + output);
        }
        return exit == 0;
    }

    private static List<Package> dpkgQuery() throws Exception {
        Process process = new ProcessBuilder("dpkg-query", "-W", "-f",
                "${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n").start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "dpkg-query must run (a Debian machine)");
        List<Package> packages = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 6 && f[0].startsWith("ii")) {
                packages.add(new Package("deb", f[1], f[2], f[5], new SourcePackage(f[3], f[4]), null, List.of(), "dpkg-query", null, null));
            }
        }
        return packages;
    }
}
