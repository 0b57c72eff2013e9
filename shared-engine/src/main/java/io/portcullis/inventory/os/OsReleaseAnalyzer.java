package io.portcullis.inventory.os;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.OperatingSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the files that name the distribution: os-release (the standard), lsb-release, and the
 * older one-line files (debian_version, alpine-release, redhat-release and its siblings).
 * Each file is read on its own; {@link OsResolution} decides between several files of one image.
 *
 * <p>{@code versionId} is kept as the file writes it ("12.5", "3.11.6", "8.4"): matching derives
 * what it needs from it (Debian the major, Alpine major.minor).
 */
public final class OsReleaseAnalyzer implements Analyzer {

    public static final String ID = "os-release";

    /** Release files are a few hundred bytes; anything much larger is not one. */
    private static final int MAX_SIZE = 64 * 1024;

    static final Set<String> OS_RELEASE = Set.of("etc/os-release", "usr/lib/os-release");
    static final String LSB_RELEASE = "etc/lsb-release";
    static final String DEBIAN_VERSION = "etc/debian_version";
    static final String ALPINE_RELEASE = "etc/alpine-release";

    /** One-line "NAME release VERSION (CODENAME)" files, with the id a file name implies. */
    static final Map<String, String> RELEASE_LINE_FILES = Map.of(
            "etc/redhat-release", "",
            "etc/system-release", "",
            "etc/centos-release", "centos",
            "etc/rocky-release", "rocky",
            "etc/almalinux-release", "almalinux",
            "etc/fedora-release", "fedora",
            "etc/oracle-release", "ol");

    /** Distribution names in release lines, longest first so "CentOS Stream" wins over "CentOS". */
    private static final List<Map.Entry<String, String>> RELEASE_LINE_NAMES = List.of(
            Map.entry("red hat enterprise linux", "rhel"),
            Map.entry("centos stream", "centos"),
            Map.entry("centos linux", "centos"),
            Map.entry("centos", "centos"),
            Map.entry("rocky linux", "rocky"),
            Map.entry("almalinux", "almalinux"),
            Map.entry("scientific linux", "scientific"),
            Map.entry("oracle linux", "ol"),
            Map.entry("amazon linux", "amzn"),
            Map.entry("fedora", "fedora"));

    private static final Pattern RELEASE_LINE = Pattern.compile("^(.+?) release (\\S+)(?:\\s+\\((.*)\\))?.*$");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^)]*)\\)");
    private static final Pattern DOTTED_NUMBER = Pattern.compile("\\d+(\\.\\d+)*");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return size <= MAX_SIZE
                && (OS_RELEASE.contains(path) || path.equals(LSB_RELEASE) || path.equals(DEBIAN_VERSION)
                        || path.equals(ALPINE_RELEASE) || RELEASE_LINE_FILES.containsKey(path));
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        String path = file.path();
        String text = new String(file.content().readNBytes(MAX_SIZE), StandardCharsets.UTF_8);
        if (OS_RELEASE.contains(path)) {
            return fromAssignments(path, text, "ID", "VERSION_ID", "PRETTY_NAME");
        }
        if (path.equals(LSB_RELEASE)) {
            return fromAssignments(path, text, "DISTRIB_ID", "DISTRIB_RELEASE", "DISTRIB_DESCRIPTION");
        }
        String line = firstLine(text);
        if (line.isEmpty()) {
            return FileAnalysis.warning(path + ": empty release file");
        }
        if (path.equals(DEBIAN_VERSION)) {
            return found(debianVersion(line));
        }
        if (path.equals(ALPINE_RELEASE)) {
            return found(new OperatingSystem("alpine", line, null, null));
        }
        return releaseLine(path, line);
    }

    private static FileAnalysis fromAssignments(String path, String text, String idKey, String versionKey, String prettyKey) {
        ShellAssignments parsed = ShellAssignments.parse(text);
        List<String> warnings = parsed.problems().stream().map(p -> path + " " + p).toList();
        Map<String, String> values = parsed.values();
        String id = blankToNull(values.get(idKey));
        if (id == null) {
            return new FileAnalysis(List.of(), null, concat(warnings, path + ": no " + idKey + " field"));
        }
        String pretty = blankToNull(values.getOrDefault(prettyKey, values.get("NAME")));
        OperatingSystem os = new OperatingSystem(id.toLowerCase(Locale.ROOT),
                blankToNull(values.get(versionKey)), codename(values), pretty);
        return new FileAnalysis(List.of(), os, warnings);
    }

    /**
     * VERSION_CODENAME when the file has that field, even empty (Fedora writes it empty on
     * purpose; its VERSION parenthesis is a variant, not a codename), else VERSION's parenthesis.
     */
    private static String codename(Map<String, String> values) {
        if (values.containsKey("VERSION_CODENAME")) {
            return blankToNull(values.get("VERSION_CODENAME"));
        }
        if (values.containsKey("DISTRIB_CODENAME")) {
            return blankToNull(values.get("DISTRIB_CODENAME"));
        }
        String version = values.get("VERSION");
        if (version != null) {
            Matcher m = PARENTHESISED.matcher(version);
            if (m.find()) {
                return blankToNull(m.group(1));
            }
        }
        return null;
    }

    /** "12.5" is a release; "bookworm/sid" is testing/unstable, which has only a codename. */
    private static OperatingSystem debianVersion(String line) {
        if (DOTTED_NUMBER.matcher(line).matches()) {
            return new OperatingSystem("debian", line, null, null);
        }
        int slash = line.indexOf('/');
        return new OperatingSystem("debian", null, slash > 0 ? line.substring(0, slash) : line, null);
    }

    private static FileAnalysis releaseLine(String path, String line) {
        Matcher m = RELEASE_LINE.matcher(line);
        if (!m.matches()) {
            return FileAnalysis.warning(path + ": not a \"NAME release VERSION\" line");
        }
        String id = idForName(m.group(1));
        if (id == null) {
            id = blankToNull(RELEASE_LINE_FILES.get(path));
        }
        if (id == null) {
            return FileAnalysis.warning(path + ": unknown distribution \"" + m.group(1) + "\"");
        }
        return found(new OperatingSystem(id, m.group(2), blankToNull(m.group(3)), line));
    }

    private static String idForName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        for (Map.Entry<String, String> entry : RELEASE_LINE_NAMES) {
            if (lower.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static FileAnalysis found(OperatingSystem os) {
        return new FileAnalysis(List.of(), os, List.of());
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> concat(List<String> list, String extra) {
        return Stream.concat(list.stream(), Stream.of(extra)).toList();
    }
}
