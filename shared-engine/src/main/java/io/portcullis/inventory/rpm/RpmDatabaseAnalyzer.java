package io.portcullis.inventory.rpm;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Installed rpm packages from any of rpm's three database formats, in any of the three places
 * distributions keep them: sqlite {@code rpmdb.sqlite} (Fedora 33+, RHEL 9), Berkeley DB
 * {@code Packages} (RHEL 7/8, CentOS, Amazon Linux 2) and NDB {@code Packages.db} (SUSE).
 * The formats need random access, so the file is copied into the scan's temp directory (deleted at
 * once); the layer walker has already held it to the scan's per-file limit ({@code --max-file-size}). gpg-pubkey entries (imported signing keys) are not packages.
 */
public final class RpmDatabaseAnalyzer implements Analyzer {

    public static final String ID = "rpm";

    private static final List<String> DIRECTORIES = List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/", "usr/share/rpm/");
    private static final Map<String, HeaderBlobs> FORMATS = Map.of(
            "rpmdb.sqlite", new SqliteHeaderBlobs(),
            "Packages", new BerkeleyDbHeaderBlobs(),
            "Packages.db", new NdbHeaderBlobs());

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
        for (String directory : DIRECTORIES) {
            if (path.startsWith(directory) && FORMATS.containsKey(path.substring(directory.length()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        String path = file.path();
        if (file.size() == 0) {
            return FileAnalysis.warning(path + ": empty rpm database file");
        }
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        Path directory = file.tempDirectory().newDirectory("portcullis-rpmdb-");
        try {
            Path copy = directory.resolve(fileName);
            try (OutputStream out = file.tempDirectory().write(copy)) {
                file.content().transferTo(out);
            }
            return read(path, FORMATS.get(fileName), copy);
        } finally {
            deleteRecursively(directory);
        }
    }

    private FileAnalysis read(String path, HeaderBlobs format, Path copy) throws IOException {
        List<Package> packages = new ArrayList<>();
        Map<String, Set<String>> owned = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        int[] unreadable = {0};
        String[] firstProblem = {null};
        try {
            format.read(copy, blob -> {
                try {
                    RpmHeader header = RpmHeader.parse(blob);
                    if (!header.name().equals("gpg-pubkey")) {
                        packages.add(toPackage(path, header));
                        addOwned(owned, header);
                    }
                } catch (CorruptDatabaseException e) {
                    if (unreadable[0]++ == 0) {
                        firstProblem[0] = e.getMessage();
                    }
                }
            });
        } catch (CorruptDatabaseException e) {
            warnings.add(path + ": " + e.getMessage() + (packages.isEmpty() ? "" : "; " + packages.size() + " packages read before"));
        }
        if (unreadable[0] > 0) {
            warnings.add(path + ": " + unreadable[0] + " unreadable package header(s), first: " + firstProblem[0]);
        }
        return new FileAnalysis(packages, null, warnings, owned);
    }

    private static void addOwned(Map<String, Set<String>> owned, RpmHeader header) {
        if (header.files().isEmpty()) {
            return;
        }
        Set<String> paths = owned.computeIfAbsent(header.name(), n -> new TreeSet<>());
        for (String file : header.files()) {
            // rpm paths are absolute; owned paths are root-relative like layer paths.
            String relative = file.startsWith("/") ? file.substring(1) : file;
            if (!relative.isEmpty()) {
                paths.add(relative);
            }
        }
    }

    private static Package toPackage(String path, RpmHeader header) {
        StringBuilder version = new StringBuilder();
        if (header.epoch() != null) {
            version.append(header.epoch()).append(':');
        }
        version.append(header.version());
        if (header.release() != null) {
            version.append('-').append(header.release());
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("version", header.version());
        putIfPresent(properties, "epoch", header.epoch() == null ? null : header.epoch().toString());
        putIfPresent(properties, "release", header.release());
        putIfPresent(properties, "sourcerpm", header.sourceRpm());
        putIfPresent(properties, "vendor", header.vendor());
        putIfPresent(properties, "size", header.size() == null ? null : header.size().toString());
        return new Package("rpm", header.name(), version.toString(), header.arch(), SourceRpmName.parse(header.sourceRpm()),
                null, List.of(new Location(null, path)), ID,
                header.license() == null ? List.of() : List.of(header.license()), properties);
    }


    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    /** sqlite leaves -shm/-wal files beside the copy; the whole temporary directory goes. */
    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
