package io.portcullis.analyzer;

import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;

import java.util.List;

/**
 * What an analyzer learnt from one file. An empty analysis is still a result: it tells the
 * layer merge that this path was seen in this layer and hides what lower layers said about it.
 *
 * @param packages packages found; their locations carry the path but not yet the layer
 * @param os the distribution this file declares, or null
 * @param warnings problems with this file, each naming the path
 */
public record FileAnalysis(List<Package> packages, OperatingSystem os, List<String> warnings) {
    public static final FileAnalysis EMPTY = new FileAnalysis(List.of(), null, List.of());

    public FileAnalysis {
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
    }

    public static FileAnalysis packages(List<Package> packages) {
        return new FileAnalysis(packages, null, List.of());
    }

    public static FileAnalysis warning(String warning) {
        return new FileAnalysis(List.of(), null, List.of(warning));
    }
}
