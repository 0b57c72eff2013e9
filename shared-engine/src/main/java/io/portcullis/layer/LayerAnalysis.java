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
 */
public record LayerAnalysis(
        Map<String, Map<String, FileAnalysis>> files,
        Set<String> whiteouts,
        Set<String> opaqueDirs,
        Map<String, String> links) {

    public static final LayerAnalysis EMPTY = new LayerAnalysis(Map.of(), Set.of(), Set.of(), Map.of());

    public LayerAnalysis {
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
