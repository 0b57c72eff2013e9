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
import java.util.function.BiConsumer;

/**
 * The packages of the surviving files, each distinct package once (equal in every field but its locations) in
 * the order first met, with every place its copies were found: each place once, at most
 * {@link LayerMerger#MAX_LOCATIONS_PER_PACKAGE}, a warning when more were cut.
 *
 * <p>A million packages pass through here while the analyses that found them are still held, so packages are
 * told apart by a {@link PackageIndex} of positions, not a map with a key per package, and a package found once
 * keeps the location list it came with, which the packages of one file share.
 */
final class DistinctPackages {

    private final PackageIndex index = PackageIndex.exceptLocations();
    /** The places of each package found once, by position; null where {@link #repeated} holds them. */
    private final List<List<Location>> singlePlaces = new ArrayList<>();
    /** The places of the packages found more than once (or at several places at once), by position. */
    private final Map<Integer, Set<Location>> repeated = new HashMap<>();
    private final Set<Integer> capped = new HashSet<>();

    /** Records that {@code pkg} (its own locations ignored) was found at {@code here}. */
    void add(Package pkg, List<Location> here, List<String> warnings) {
        int position = index.firstOrAdd(pkg);
        if (position < 0) {
            singlePlaces.add(here.size() <= 1 ? here : null);
            if (here.size() > 1) {
                addPlaces(index.size() - 1, pkg, here, warnings);
            }
        } else {
            addPlaces(position, pkg, here, warnings);
        }
    }

    /** Each distinct package, in the order first met, with its places. */
    void forEach(BiConsumer<Package, List<Location>> action) {
        for (int i = 0; i < index.size(); i++) {
            List<Location> single = singlePlaces.get(i);
            action.accept(index.get(i), single != null ? single : List.copyOf(repeated.get(i)));
        }
    }

    int size() {
        return index.size();
    }

    private void addPlaces(int position, Package pkg, List<Location> here, List<String> warnings) {
        Set<Location> places = repeated.computeIfAbsent(position, p -> new LinkedHashSet<>());
        List<Location> single = singlePlaces.get(position);
        if (single != null) {
            places.addAll(single);
            singlePlaces.set(position, null);
        }
        for (Location location : here) {
            if (places.size() < LayerMerger.MAX_LOCATIONS_PER_PACKAGE) {
                places.add(location);
            } else if (!places.contains(location) && capped.add(position)) {
                warnings.add(location.path() + ": " + pkg.name() + " " + pkg.version() + " found at more than "
                        + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + " places; only the first "
                        + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + " are listed");
            }
        }
    }
}
