package io.portcullis.inventory.apk;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Alpine (and Wolfi) packages from apk's database {@code lib/apk/db/installed}: one entry per
 * package, entries separated by a blank line, each line a one-letter key, a colon and a value.
 * Keys read: P name, V version, A arch, o origin (the source package; absent means the package is
 * its own origin), L license, T description, m maintainer, c aports commit. F lines (directories
 * the package owns) and R lines (its files, in the directory of the last F line) become the
 * analysis' owned paths; R lines are also counted into the "files" property.
 */
public final class ApkInstalledAnalyzer implements Analyzer {

    public static final String ID = "apk";
    public static final String PATH = "lib/apk/db/installed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.equals(PATH);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        Reading reading = new Reading(file.path());
        BufferedReader reader = new BufferedReader(new InputStreamReader(file.content(), StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            reading.line(++number, line);
        }
        reading.endEntry();
        return new FileAnalysis(reading.packages, null, reading.warnings(), reading.owned);
    }

    /** The state of reading one database: the entry being collected and what was found so far. */
    private static final class Reading {
        private final String path;
        private final List<Package> packages = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<Character, String> entry = new HashMap<>();
        private final Map<String, Set<String>> owned = new TreeMap<>();
        private final Set<String> entryPaths = new TreeSet<>();
        private String directory = "";
        private int entryStart;
        private int files;
        private int firstBadLine;
        private int badLines;

        Reading(String path) {
            this.path = path;
        }

        void line(int number, String line) {
            if (line.isBlank()) {
                endEntry();
                return;
            }
            if (line.length() < 2 || line.charAt(1) != ':' || !Character.isLetter(line.charAt(0))) {
                if (badLines++ == 0) {
                    firstBadLine = number;
                }
                return;
            }
            if (entry.isEmpty() && entryPaths.isEmpty()) {
                entryStart = number;
            }
            char key = line.charAt(0);
            if (key == 'F') {
                directory = line.substring(2);
                if (!directory.isEmpty()) {
                    entryPaths.add(directory);
                }
            } else if (key == 'R') {
                files++;
                entryPaths.add(directory.isEmpty() ? line.substring(2) : directory + "/" + line.substring(2));
            } else {
                // Only the package-level keys matter; per-file keys (a, M, Z) repeat and are ignored.
                entry.putIfAbsent(key, line.substring(2));
            }
        }

        void endEntry() {
            if (entry.isEmpty() && entryPaths.isEmpty()) {
                return;
            }
            String name = entry.get('P');
            String version = entry.get('V');
            if (name == null || name.isEmpty()) {
                problems.add(path + " line " + entryStart + ": entry without P: (package name); skipped");
            } else if (version == null || version.isEmpty()) {
                problems.add(path + " line " + entryStart + ": package " + name + " without V: (version); skipped");
            } else {
                packages.add(toPackage(name, version));
                if (!entryPaths.isEmpty()) {
                    owned.computeIfAbsent(name, n -> new TreeSet<>()).addAll(entryPaths);
                }
            }
            entry.clear();
            entryPaths.clear();
            directory = "";
            files = 0;
        }

        private Package toPackage(String name, String version) {
            String origin = entry.get('o');
            SourcePackage source = new SourcePackage(origin == null || origin.isEmpty() ? name : origin, version);
            Map<String, String> properties = new HashMap<>();
            putIfPresent(properties, "description", entry.get('T'));
            putIfPresent(properties, "maintainer", entry.get('m'));
            putIfPresent(properties, "commit", entry.get('c'));
            properties.put("files", Integer.toString(files));
            String license = entry.get('L');
            String arch = entry.get('A');
            return new Package("apk", name, version, arch == null || arch.isEmpty() ? null : arch, source, null,
                    List.of(new Location(null, path)), ID,
                    license == null || license.isEmpty() ? List.of() : List.of(license), properties);
        }

        List<String> warnings() {
            List<String> all = new ArrayList<>(problems);
            if (badLines > 0) {
                all.add(0, path + " line " + firstBadLine + ": not a \"K:value\" line"
                        + (badLines > 1 ? " (" + badLines + " such lines ignored)" : "; ignored"));
            }
            return all;
        }

        private static void putIfPresent(Map<String, String> map, String key, String value) {
            if (value != null && !value.isEmpty()) {
                map.put(key, value);
            }
        }
    }
}
