package io.portcullis.inventory.dpkg;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageTable;
import io.portcullis.inventory.SourcePackage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages from dpkg's status database ({@code var/lib/dpkg/status}) and from the
 * per-package files distroless images write instead ({@code var/lib/dpkg/status.d/NAME}).
 * The same files under {@code usr/lib/dpkg/} are read too, where some images keep them.
 *
 * <p>A package is reported when dpkg considers it installed: the third word of its Status is
 * {@code installed} (so {@code deinstall reinstreq installed} counts; {@code deinstall ok
 * config-files} and {@code half-installed} do not). In the status file a paragraph without
 * Status is not installed, as dpkg reads it; distroless status.d files never have a Status and
 * every package in them is installed.
 */
public final class DpkgStatusAnalyzer implements Analyzer {

    public static final String ID = "dpkg";

    private static final Set<String> ROOTS = Set.of("var/lib/dpkg/", "usr/lib/dpkg/");

    /** Files dpkg keeps beside control data (as in info/); distroless copies md5sums into status.d. */
    private static final Set<String> NON_CONTROL_SUFFIXES = Set.of(
            ".md5sums", ".conffiles", ".list", ".shlibs", ".symbols", ".triggers", ".templates",
            ".preinst", ".postinst", ".prerm", ".postrm", ".config");

    private static final Pattern SOURCE = Pattern.compile("^(\\S+)(?:\\s*\\((\\S+)\\))?$");


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
        for (String root : ROOTS) {
            if (path.startsWith(root)) {
                String rest = path.substring(root.length());
                return rest.equals("status") || isStatusDFile(rest);
            }
        }
        return false;
    }

    private static boolean isStatusDFile(String rest) {
        if (!rest.startsWith("status.d/")) {
            return false;
        }
        String name = rest.substring("status.d/".length());
        return !name.isEmpty() && name.indexOf('/') < 0
                && NON_CONTROL_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        String path = file.path();
        boolean distroless = path.contains("/status.d/");
        List<String> warnings = new ArrayList<>();
        // A large database is kept by column as it is read, which keeps each value the packages repeat (versions,
        // source names, whole property maps) once: a million packages as records would not fit where their table does.
        PackageTable.Builder packages = PackageTable.builder();
        List<Location> here = List.of(new Location(null, path));
        Reader text = new InputStreamReader(file.content(), StandardCharsets.UTF_8);
        ControlParagraphs.parse(text, new ControlParagraphs.Handler() {
            @Override
            public void paragraph(ControlParagraphs.Paragraph paragraph) {
                Package pkg = toPackage(path, here, paragraph, distroless, warnings);
                if (pkg != null) {
                    packages.add(pkg);
                }
            }

            @Override
            public void problem(ControlParagraphs.Problem problem) {
                warnings.add(path + " line " + problem.line() + ": " + problem.reason() + "; paragraph skipped");
            }
        });
        return new FileAnalysis(packages.build(), null, warnings);
    }

    /** The installed package a paragraph describes, or null (with a warning when the paragraph is broken). */
    private static Package toPackage(String path, List<Location> here, ControlParagraphs.Paragraph paragraph, boolean distroless,
                                     List<String> warnings) {
        Map<String, String> fields = paragraph.fields();
        String where = path + " line " + paragraph.firstLine() + ": ";
        String name = fields.get("Package");
        if (name == null || name.isEmpty()) {
            warnings.add(where + "paragraph without Package field; skipped");
            return null;
        }
        String status = fields.get("Status");
        if (!isInstalled(status, distroless)) {
            return null;
        }
        String version = fields.get("Version");
        if (version == null || version.isEmpty()) {
            warnings.add(where + "installed package " + name + " has no Version; skipped");
            return null;
        }
        SourcePackage source = source(fields.get("Source"), name, version);
        if (source == null) {
            warnings.add(where + "package " + name + " has an unreadable Source field; skipped");
            return null;
        }
        Map<String, String> properties = new HashMap<>(4);
        if (status != null) {
            properties.put("status", status.strip());
        }
        String installedSize = fields.get("Installed-Size");
        if (installedSize != null && !installedSize.isEmpty()) {
            properties.put("installed-size", installedSize);
        }
        String arch = fields.get("Architecture");
        return new Package("deb", name, version, arch == null || arch.isEmpty() ? null : arch, source, null,
                here, ID, List.of(), properties);
    }

    private static boolean isInstalled(String status, boolean distroless) {
        if (status == null) {
            return distroless;
        }
        String[] words = status.strip().split("\\s+");
        return words.length == 3 && words[2].equals("installed");
    }

    /** "Source: name" or "Source: name (version)"; absent means the binary's own name and version. */
    private static SourcePackage source(String field, String name, String version) {
        if (field == null || field.isEmpty()) {
            return new SourcePackage(name, version);
        }
        Matcher m = SOURCE.matcher(field.strip());
        if (!m.matches()) {
            return null;
        }
        return new SourcePackage(m.group(1), m.group(2) != null ? m.group(2) : version);
    }
}
