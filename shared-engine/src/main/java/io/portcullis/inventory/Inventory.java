package io.portcullis.inventory;

import java.util.List;

/**
 * Everything installed in one image after its layers were merged.
 *
 * @param os the detected distribution, or null when none was recognised
 * @param packages all packages, OS and application alike, with purls assigned; kept as a {@link PackageList}, which
 *     makes each package when asked for
 * @param warnings problems met while reading (a corrupt package database, an unreadable jar);
 *     each names the path; the scan went on past them
 */
public record Inventory(OperatingSystem os, List<Package> packages, List<String> warnings) {
    public Inventory {
        packages = PackageList.copyOf(packages);
        warnings = List.copyOf(warnings);
    }
}
