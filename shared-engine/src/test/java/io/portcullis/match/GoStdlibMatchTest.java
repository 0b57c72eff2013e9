package io.portcullis.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Go standard library at the version Debian bookworm ships ({@code apt-cache show golang-1.19-go}: the
 * package's upstream version) against the real Go vulndb records for {@code stdlib}. Expected findings come
 * from the records with a small SemVer precedence check written here, independent of the engine's schemes.
 */
class GoStdlibMatchTest {

    private static final Pattern SEMVER = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");

    @TempDir
    Path dir;

    @Test
    void stdlibOfDebiansGoHasExactlyTheRecordsItsVersionFallsIn() throws Exception {
        String goVersion = debianGoVersion();
        Set<String> expected = new TreeSet<>();
        Set<String> stdlibIds = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try (ZipFile zip = new ZipFile(SharedData.osvZip("Go.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                JsonNode record = json.readTree(zip.getInputStream(entries.nextElement()));
                for (JsonNode affected : record.path("affected")) {
                    if (!affected.at("/package/name").asText().equals("stdlib")) {
                        continue;
                    }
                    stdlibIds.add(record.path("id").asText());
                    if (!record.hasNonNull("withdrawn") && affects(affected, goVersion)) {
                        expected.add(record.path("id").asText());
                    }
                }
            }
        }
        assertTrue(expected.size() > 10, "Go " + goVersion + " has later stdlib fixes: " + expected);

        Path db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("Go.zip"))).build();
        Package stdlib = new Package("golang", "stdlib", "go" + goVersion, null, null, null, List.of(), "test", null, null);
        Set<String> actual = new TreeSet<>();
        try (VulnDb vulnDb = VulnDb.open(db)) {
            for (Finding finding : new Matcher().match(new Inventory(null, List.of(stdlib), List.of()), vulnDb)) {
                actual.add(finding.vulnerabilityId());
                finding.aliases().stream().filter(stdlibIds::contains).forEach(actual::add);
                assertTrue(finding.fixedVersions().stream().allMatch(f -> compare(f, goVersion) > 0), finding.toString());
            }
        }
        assertEquals(expected, actual);
    }

    /** Records here use introduced/fixed only: affected when some introduced <= v and no fixed in between. */
    private static boolean affects(JsonNode affected, String version) {
        for (JsonNode range : affected.path("ranges")) {
            List<String[]> events = new ArrayList<>();
            range.path("events").forEach(e -> {
                String kind = e.fieldNames().next();
                events.add(new String[] {kind, e.get(kind).asText()});
            });
            events.sort((a, b) -> a[1].equals("0") ? -1 : b[1].equals("0") ? 1 : compare(a[1], b[1]));
            boolean in = false;
            for (String[] event : events) {
                assertTrue(event[0].equals("introduced") || event[0].equals("fixed"), "stdlib ranges: " + event[0]);
                if (event[0].equals("introduced") && (event[1].equals("0") || compare(version, event[1]) >= 0)) {
                    in = true;
                } else if (event[0].equals("fixed") && compare(version, event[1]) >= 0) {
                    in = false;
                }
            }
            if (in) {
                return true;
            }
        }
        return false;
    }

    /** SemVer 2 precedence: numbers, then a pre-release below the release, pre-release identifiers left to right. */
    static int compare(String a, String b) {
        java.util.regex.Matcher x = SEMVER.matcher(a);
        java.util.regex.Matcher y = SEMVER.matcher(b);
        assertTrue(x.matches() && y.matches(), a + " / " + b);
        for (int i = 1; i <= 3; i++) {
            int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        if (x.group(4) == null || y.group(4) == null) {
            return x.group(4) == null ? (y.group(4) == null ? 0 : 1) : -1;
        }
        String[] p = x.group(4).split("\\.");
        String[] q = y.group(4).split("\\.");
        for (int i = 0; i < Math.min(p.length, q.length); i++) {
            boolean pn = p[i].matches("\\d+");
            boolean qn = q[i].matches("\\d+");
            int c = pn && qn ? Long.compare(Long.parseLong(p[i]), Long.parseLong(q[i])) : pn ? -1 : qn ? 1 : p[i].compareTo(q[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(p.length, q.length);
    }

    /** "1.19.8" from Debian's golang-1.19-go "1.19.8-2". */
    private static String debianGoVersion() throws Exception {
        Process process = new ProcessBuilder("apt-cache", "show", "--no-all-versions", "golang-1.19-go").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        java.util.regex.Matcher version = Pattern.compile("(?m)^Version: (\\d+\\.\\d+\\.\\d+)-").matcher(output);
        if (!version.find()) {
            throw new IllegalStateException("apt-cache show golang-1.19-go gave no version (run apt-get update): " + output);
        }
        return version.group(1);
    }
}
