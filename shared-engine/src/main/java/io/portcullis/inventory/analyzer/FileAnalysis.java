package io.portcullis.inventory.analyzer;

import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageList;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an analyzer learnt from one file. An empty analysis is still a result: it tells the
 * layer merge that this path was seen in this layer and hides what lower layers said about it.
 *
 * @param packages packages found; their locations carry the path but not yet the layer. Kept as a
 *     {@link PackageList}: a package database can list a million packages
 * @param os the distribution this file declares, or null
 * @param warnings problems with this file, each naming the path
 * @param ownedPaths files and directories that an OS package database (dpkg file lists, apk
 *     {@code F:}/{@code R:} lines, rpm file tags) declares as installed by an OS package: the
 *     package's name to its paths, root-relative without a leading slash, as the layer walker
 *     writes paths. The layer merge marks application packages found at such a path as OS-owned.
 *     Sorted, so the layer cache's JSON is stable
 * @param secrets credentials found in the file, redacted (only the secret analyzer finds any)
 */
public record FileAnalysis(List<Package> packages, OperatingSystem os, List<String> warnings,
                           Map<String, Set<String>> ownedPaths, List<FoundSecret> secrets) {
    public static final FileAnalysis EMPTY = new FileAnalysis(List.of(), null, List.of());

    /** Absent collections (the layer cache leaves empty ones out of its JSON) are empty. */
    public FileAnalysis {
        packages = packages == null ? PackageList.copyOf(List.of()) : PackageList.copyOf(packages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        ownedPaths = ownedPaths == null ? Map.of() : sorted(ownedPaths);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** An analysis of an OS package database: packages and the paths they own. */
    public FileAnalysis(List<Package> packages, OperatingSystem os, List<String> warnings, Map<String, Set<String>> ownedPaths) {
        this(packages, os, warnings, ownedPaths, List.of());
    }

    /** An analysis that owns no paths, as every analyzer but the OS package ones gives. */
    public FileAnalysis(List<Package> packages, OperatingSystem os, List<String> warnings) {
        this(packages, os, warnings, Map.of(), List.of());
    }

    public static FileAnalysis secrets(List<FoundSecret> secrets) {
        return new FileAnalysis(List.of(), null, List.of(), Map.of(), secrets);
    }

    public static FileAnalysis packages(List<Package> packages) {
        return new FileAnalysis(packages, null, List.of());
    }

    public static FileAnalysis warning(String warning) {
        return new FileAnalysis(List.of(), null, List.of(warning));
    }

    private static SortedMap<String, Set<String>> sorted(Map<String, Set<String>> byOwner) {
        SortedMap<String, Set<String>> copy = new TreeMap<>();
        byOwner.forEach((owner, paths) -> copy.put(owner, Collections.unmodifiableSortedSet(new TreeSet<>(paths))));
        return Collections.unmodifiableSortedMap(copy);
    }
}
