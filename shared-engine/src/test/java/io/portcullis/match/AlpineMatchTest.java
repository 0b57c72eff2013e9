package io.portcullis.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real alpine:3.11 image against the real Alpine secdb records. Packages are read in this test from the
 * image's {@code lib/apk/db/installed} (P/V/o fields); the expected findings come from the Alpine:v3.11
 * records read with Jackson, with every installed-vs-fixed comparison answered by the real apk-tools of
 * that same image ({@code apk version -t}, through the image's musl loader).
 */
class AlpineMatchTest {

    static final Path IMAGE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");

    @TempDir
    Path dir;

    /** The image is as new as the secdb snapshot: apk says every fix is already installed, so nothing may be reported. */
    @Test
    void alpine311ImageHasExactlyTheFindingsApkImplies() throws Exception {
        List<Package> packages = parseInstalled(installedOfImage());
        assertTrue(packages.size() > 10, "alpine:3.11 has its base packages: " + packages.size());
        assertEquals(0, findingsAreExactlyWhatApkSaysIsBelowTheFixedVersion(packages, "3.11.5", "Alpine:v3.11"));
    }

    /** Trivy's real installed DB of an Alpine 3.4 system (musl 1.1.14, openssl 1.0.2h): many fixes came later. */
    @Test
    void alpine34InstalledDatabaseHasExactlyTheFindingsApkImplies() throws Exception {
        Path installed = Path.of("../shared/fixtures/apk/trivy/pkg/fanal/analyzer/pkg/apk/testdata/apk");
        List<Package> packages = parseInstalled(Files.readString(installed));
        int findings = findingsAreExactlyWhatApkSaysIsBelowTheFixedVersion(packages, "3.4.6", "Alpine:v3.4");
        assertTrue(findings > 20, "openssl 1.0.2h and musl 1.1.14 have many later fixes: " + findings);
    }

    private int findingsAreExactlyWhatApkSaysIsBelowTheFixedVersion(List<Package> packages, String release, String ecosystem)
            throws Exception {

        // Independent expectation: records for Alpine:v3.11 naming an installed origin, compared by apk itself.
        Map<String, List<String[]>> candidates = new HashMap<>(); // origin -> [recordId, fixed or null]
        ObjectMapper json = new ObjectMapper();
        try (ZipFile zip = new ZipFile(SharedData.osvZip("Alpine.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                JsonNode record = json.readTree(zip.getInputStream(entries.nextElement()));
                for (JsonNode affected : record.path("affected")) {
                    if (!affected.at("/package/ecosystem").asText().equals(ecosystem)) {
                        continue;
                    }
                    JsonNode events = affected.at("/ranges/0/events");
                    assertEquals("0", events.path(0).path("introduced").asText(), "secdb ranges start at 0");
                    String fixed = events.size() > 1 ? events.path(1).path("fixed").asText() : null;
                    candidates.computeIfAbsent(affected.at("/package/name").asText(), k -> new ArrayList<>())
                            .add(new String[] {record.path("id").asText(), fixed});
                }
            }
        }
        List<String[]> pairs = new ArrayList<>();
        List<String> pairOwners = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (Package pkg : packages) {
            for (String[] candidate : candidates.getOrDefault(pkg.source().name(), List.of())) {
                if (candidate[1] == null) {
                    expected.add(pkg.name() + " " + candidate[0]);
                } else {
                    pairs.add(new String[] {pkg.version(), candidate[1]});
                    pairOwners.add(pkg.name() + " " + candidate[0]);
                }
            }
        }
        List<String> answers = apkCompare(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            if (answers.get(i).equals("-1")) {
                expected.add(pairOwners.get(i));
            }
        }

        Path db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("Alpine.zip"))).build();
        List<Finding> findings;
        try (VulnDb vulnDb = VulnDb.open(db)) {
            findings = new Matcher().match(new Inventory(new OperatingSystem("alpine", release, null, null), packages, List.of()), vulnDb);
        }
        Set<String> actual = findings.stream().map(f -> f.pkg().name() + " " + f.vulnerabilityId()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
        for (Finding finding : findings) {
            // Alpine records carry the CVE as upstream; the finding lists it as an alias.
            assertEquals(List.of(finding.vulnerabilityId().substring("ALPINE-".length())), finding.aliases());
            assertEquals(Severity.UNKNOWN, finding.severity());
            assertEquals("none", finding.severitySource());
            if (!finding.pkg().name().equals(finding.pkg().source().name())) {
                assertTrue(finding.summary().contains(finding.pkg().source().name()), finding.summary());
            }
        }
        return findings.size();
    }

    private static String installedOfImage() throws IOException {
        String installed = null;
        try (TarArchiveInputStream image = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(IMAGE)))) {
            TarArchiveEntry entry;
            while ((entry = image.getNextEntry()) != null) {
                if (entry.getName().endsWith("layer.tar")) {
                    String found = installedIn(image);
                    installed = found != null ? found : installed;
                }
            }
        }
        if (installed == null) {
            throw new IllegalStateException("no lib/apk/db/installed in " + IMAGE);
        }
        return installed;
    }

    /** P (name), V (version) and o (origin) of each stanza of an installed database; stanzas without a version are skipped. */
    private static List<Package> parseInstalled(String installed) {
        List<Package> packages = new ArrayList<>();
        for (String stanza : installed.split("\n\n")) {
            Map<String, String> fields = new HashMap<>();
            for (String line : stanza.split("\n")) {
                if (line.length() > 2 && line.charAt(1) == ':') {
                    fields.put(line.substring(0, 1), line.substring(2));
                }
            }
            if (fields.containsKey("P") && fields.containsKey("V")) {
                packages.add(new Package("apk", fields.get("P"), fields.get("V"), fields.get("A"),
                        new SourcePackage(fields.getOrDefault("o", fields.get("P")), fields.get("V")), null,
                        List.of(new Location(null, "lib/apk/db/installed")), "test", null, null));
            }
        }
        return packages;
    }

    private static String installedIn(InputStream layer) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.getName().replaceFirst("^\\./", "").equals("lib/apk/db/installed")) {
                return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The real apk-tools of the image, via the versions developer's script (test resource of io.portcullis.version). */
    private List<String> apkCompare(List<String[]> pairs) throws Exception {
        Path script = dir.resolve("apk-compare.sh");
        try (InputStream in = AlpineMatchTest.class.getResourceAsStream("/io/portcullis/version/apk-compare.sh")) {
            if (in == null) {
                throw new IllegalStateException("apk-compare.sh test resource missing");
            }
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder("bash", script.toString(), IMAGE.toAbsolutePath().toString(), dir.resolve("apk").toString())
                .redirectError(dir.resolve("apk.err").toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(pairs.stream().map(p -> p[0] + "\t" + p[1] + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8));
        }
        List<String> answers = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0, Files.readString(dir.resolve("apk.err")));
        assertEquals(pairs.size(), answers.size());
        return answers;
    }
}
