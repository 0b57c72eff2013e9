package io.portcullis.layer;

import io.portcullis.inventory.analyzer.FileAnalysis;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one layer contributes, independent of the layers below it, so it can be cached by diffID.
 * All paths are root-relative without a leading slash; collections are sorted, so the cached JSON
 * is the same for the same layer.
 *
 * @param files for every regular file some analyzer accepted: analyzer id to its result. An empty
 *     {@link FileAnalysis} counts: it hides what lower layers said about the path
 * @param whiteouts paths this layer deletes from lower layers ({@code .wh.<name>} entries)
 * @param opaqueDirs directories whose lower-layer content this layer hides ({@code .wh..wh..opq})
 * @param links symbolic and hard links of this layer, path to target as written; never followed,
 *     recorded because a link replaces whatever lower layers had at its path
 * @param fileModes permission bits (tar header mode, {@code 07777}) of every regular file that has an
 *     execute, setuid, setgid or sticky bit. Setuid and setgid files are what CIS Docker Benchmark 4.8
 *     asks about; the executables are kept too, because the usual remedy ({@code chmod a-s} in a later
 *     layer) writes the file again with its execute bits, and only so does the merge see the bit removed
 */
public record LayerAnalysis(
        Map<String, Map<String, FileAnalysis>> files,
        Set<String> whiteouts,
        Set<String> opaqueDirs,
        Map<String, String> links,
        Map<String, Integer> fileModes) {

    public static final LayerAnalysis EMPTY = new LayerAnalysis(Map.of(), Set.of(), Set.of(), Map.of(), Map.of());

    /** A layer without executable files. */
    public LayerAnalysis(Map<String, Map<String, FileAnalysis>> files, Set<String> whiteouts, Set<String> opaqueDirs,
                         Map<String, String> links) {
        this(files, whiteouts, opaqueDirs, links, Map.of());
    }

    public LayerAnalysis {
        fileModes = fileModes == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(fileModes));
        SortedMap<String, Map<String, FileAnalysis>> sortedFiles = new TreeMap<>();
        files.forEach((path, byAnalyzer) -> sortedFiles.put(path, Collections.unmodifiableSortedMap(new TreeMap<>(byAnalyzer))));
        files = Collections.unmodifiableSortedMap(sortedFiles);
        whiteouts = sorted(whiteouts);
        opaqueDirs = sorted(opaqueDirs);
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
    }

    private static SortedSet<String> sorted(Set<String> paths) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }
}
