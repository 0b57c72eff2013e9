package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.maven.artifact.versioning.ComparableVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The reference answer for the demo image, computed from the GitHub advisory records themselves and
 * independently of the scanner: which (advisory, package) pairs are affected, decided with Maven's
 * own {@link ComparableVersion} for Maven and a hand implementation of SemVer 2.0 precedence for
 * npm, and each advisory's severity as GitHub labels it ({@code database_specific.severity}).
 */
final class ScanCommandGhsaReference {

    /** One expected finding: advisory id, package as {@code name@version}, GitHub's severity (MODERATE written MEDIUM). */
    record Expected(String id, String pkg, String severity) {
        String key() {
            return id + " " + pkg;
        }
    }

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    private ScanCommandGhsaReference() {
    }

    /**
     * @param installed "ecosystem|name" to the installed versions, ecosystem as OSV spells it (Maven, npm)
     * @return expected findings keyed by {@link Expected#key()}
     */
    static Map<String, Expected> affected(Path ghsaZip, Map<String, Set<String>> installed) throws IOException {
        if (!Files.isRegularFile(ghsaZip)) {
            throw new IllegalStateException("missing shared data " + ghsaZip.toAbsolutePath() + " (see ../shared/data/README.md)");
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, Expected> expected = new TreeMap<>();
        try (ZipFile zip = new ZipFile(ghsaZip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                JsonNode record = json.readTree(zip.getInputStream(entries.nextElement()));
                String severity = record.path("database_specific").path("severity").asText().replace("MODERATE", "MEDIUM");
                for (JsonNode affected : record.path("affected")) {
                    String ecosystem = affected.path("package").path("ecosystem").asText();
                    String name = affected.path("package").path("name").asText();
                    for (String version : installed.getOrDefault(ecosystem + "|" + name, Set.of())) {
                        if (isAffected(affected, ecosystem, version)) {
                            Expected finding = new Expected(record.path("id").asText(), name + "@" + version, severity);
                            expected.put(finding.key(), finding);
                        }
                    }
                }
            }
        }
        return expected;
    }

    private static boolean isAffected(JsonNode affected, String ecosystem, String version) {
        Set<String> listed = new HashSet<>();
        affected.path("versions").forEach(v -> listed.add(v.asText()));
        if (listed.contains(version)) {
            return true;
        }
        Comparator<String> order = ecosystem.equals("Maven")
                ? Comparator.comparing(ComparableVersion::new)
                : ScanCommandGhsaReference::compareSemver;
        for (JsonNode range : affected.path("ranges")) {
            // GitHub writes each range as one introduced event followed by at most one fixed or last_affected.
            JsonNode events = range.path("events");
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                if (!event.has("introduced") || !atLeast(version, event.get("introduced").asText(), order)) {
                    continue;
                }
                JsonNode end = i + 1 < events.size() ? events.get(i + 1) : null;
                if (end == null || end.has("introduced")
                        || end.has("fixed") && order.compare(version, end.get("fixed").asText()) < 0
                        || end.has("last_affected") && order.compare(version, end.get("last_affected").asText()) <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean atLeast(String version, String introduced, Comparator<String> order) {
        return introduced.equals("0") || order.compare(version, introduced) >= 0;
    }

    /** SemVer 2.0 section 11 precedence. */
    static int compareSemver(String a, String b) {
        Matcher x = semver(a);
        Matcher y = semver(b);
        for (int i = 1; i <= 3; i++) {
            int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null || py == null) {
            return px == null ? (py == null ? 0 : 1) : -1;
        }
        String[] ix = px.split("\\.");
        String[] iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].matches("\\d+");
            boolean ny = iy[i].matches("\\d+");
            int c = nx && ny ? Long.compare(Long.parseLong(ix[i]), Long.parseLong(iy[i]))
                    : nx != ny ? (nx ? -1 : 1) : ix[i].compareTo(iy[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ix.length, iy.length);
    }

    private static Matcher semver(String version) {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SemVer version: '" + version.toLowerCase(Locale.ROOT) + "'");
        }
        return m;
    }
}
