package io.portcullis.identify;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageIndex;
import io.portcullis.inventory.PackageList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inventory's packages once some jars were named: the named ones in place of the originals, and packages that
 * became equal but for their locations merged into the first, with the locations of all. Made when asked for
 * from the inventory's own list: naming one jar among a million OS packages must not copy the million.
 */
final class IdentifiedPackages extends PackageList {

    /** The inventory's packages with the named jars in place. */
    private final List<Package> renamed;
    /** The position in {@link #renamed} of each package of this list. */
    private final int[] positions;
    /** Every location of the packages that absorbed copies, by their position in this list. */
    private final Map<Integer, List<Location>> mergedLocations;

    private IdentifiedPackages(List<Package> renamed, int[] positions, Map<Integer, List<Location>> mergedLocations) {
        this.renamed = renamed;
        this.positions = positions;
        this.mergedLocations = mergedLocations;
    }

    /** @param named the named jars, by their position in {@code packages} */
    static IdentifiedPackages of(List<Package> packages, Map<Integer, Package> named) {
        List<Package> renamed = new PackageList() {
            @Override
            public Package get(int index) {
                Package jar = named.get(index);
                return jar != null ? jar : packages.get(index);
            }

            @Override
            public int size() {
                return packages.size();
            }
        };
        PackageIndex distinct = PackageIndex.exceptLocations(renamed);
        Map<Integer, Set<Location>> copies = new HashMap<>();
        for (int position = 0; position < renamed.size(); position++) {
            int first = distinct.firstOrAdd(position);
            if (first >= 0) {
                copies.computeIfAbsent(first, entry -> new LinkedHashSet<>(renamed.get(distinct.position(entry)).locations()))
                        .addAll(renamed.get(position).locations());
            }
        }
        int[] positions = new int[distinct.size()];
        for (int entry = 0; entry < positions.length; entry++) {
            positions[entry] = distinct.position(entry);
        }
        Map<Integer, List<Location>> mergedLocations = new HashMap<>();
        copies.forEach((entry, locations) -> mergedLocations.put(entry, new ArrayList<>(locations)));
        return new IdentifiedPackages(renamed, positions, mergedLocations);
    }

    @Override
    public Package get(int index) {
        Package pkg = renamed.get(positions[index]);
        List<Location> locations = mergedLocations.get(index);
        return locations == null ? pkg : pkg.withLocations(locations);
    }

    @Override
    public int size() {
        return positions.length;
    }
}
