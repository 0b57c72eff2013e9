package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages of the surviving files, each distinct package once (equal in every field but its locations) in
 * the order first met, with every place its copies were found: each place once, at most
 * {@link LayerMerger#MAX_LOCATIONS_PER_PACKAGE}, a warning when more were cut.
 *
 * <p>A million packages pass through here, so no package is kept: packages are told apart by a
 * {@link PackageIndex} of positions in the list of all packages met, and a package found once keeps the location
 * list it came with, which the packages of one file share.
 */
final class DistinctPackages {

    private final List<Package> met;
    private final PackageIndex index;
    /** The places of each package found once, by entry; null where {@link #repeated} holds them. */
    private final List<List<Location>> singlePlaces = new ArrayList<>();
    /** The places of the packages found more than once (or at several places at once), by entry. */
    private final Map<Integer, Set<Location>> repeated = new HashMap<>();
    private final Set<Integer> capped = new HashSet<>();

    /** @param met every package met, in the order they will be added */
    DistinctPackages(List<Package> met) {
        this.met = met;
        this.index = PackageIndex.exceptLocations(met);
    }

    /** Records that the package at {@code position} of the packages met (its own locations ignored) was found at {@code here}. */
    void add(int position, List<Location> here, List<String> warnings) {
        int entry = index.firstOrAdd(position);
        if (entry < 0) {
            singlePlaces.add(here.size() <= 1 ? here : null);
            if (here.size() > 1) {
                addPlaces(index.size() - 1, position, here, warnings);
            }
        } else {
            addPlaces(entry, position, here, warnings);
        }
    }

    /** How many distinct packages were added. */
    int size() {
        return index.size();
    }

    /** The position among the packages met where distinct package {@code entry} was first found. */
    int position(int entry) {
        return index.position(entry);
    }

    /** Every place distinct package {@code entry} was found. */
    List<Location> places(int entry) {
        List<Location> single = singlePlaces.get(entry);
        return single != null ? single : List.copyOf(repeated.get(entry));
    }

    private void addPlaces(int entry, int position, List<Location> here, List<String> warnings) {
        Set<Location> places = repeated.computeIfAbsent(entry, p -> new LinkedHashSet<>());
        List<Location> single = singlePlaces.get(entry);
        if (single != null) {
            places.addAll(single);
            singlePlaces.set(entry, null);
        }
        for (Location location : here) {
            if (places.size() < LayerMerger.MAX_LOCATIONS_PER_PACKAGE) {
                places.add(location);
            } else if (!places.contains(location) && capped.add(entry)) {
                Package pkg = met.get(position);
                warnings.add(location.path() + ": " + pkg.name() + " " + pkg.version() + " found at more than "
                        + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + " places; only the first "
                        + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + " are listed");
            }
        }
    }
}
