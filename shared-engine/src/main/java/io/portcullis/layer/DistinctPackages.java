package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The packages of the surviving files, each distinct package once (equal in every field but its locations) in
 * the order first met, with every place its copies were found: each place once, at most
 * {@link LayerMerger#MAX_LOCATIONS_PER_PACKAGE}, a warning when more were cut.
 *
 * <p>A million packages pass through here while the analyses that found them are still held, so a package is
 * indexed by an open-addressing table of positions (a few bytes each) instead of a map entry and a key copy, and
 * a package found once keeps the location list it came with, which the packages of one file share.
 */
final class DistinctPackages {

    private final List<Package> packages = new ArrayList<>();
    /** The places of each package found once; null where {@link #repeated} holds them. */
    private final List<List<Location>> singlePlaces = new ArrayList<>();
    /** The places of the packages found more than once (or at several places at once), by position. */
    private final Map<Integer, Set<Location>> repeated = new HashMap<>();
    private final Set<Integer> capped = new HashSet<>();
    private int[] hashes = new int[16];
    /** Position + 1 of the package whose hash lands in each slot, 0 for a free slot; at most half full. */
    private int[] slots = new int[32];

    /** Records that {@code pkg} (its own locations ignored) was found at {@code here}. */
    void add(Package pkg, List<Location> here, List<String> warnings) {
        int hash = hashExceptLocations(pkg);
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int position = slots[slot] - 1;
            if (position < 0) {
                slots[slot] = append(pkg, hash) + 1;
                if (here.size() <= 1) {
                    singlePlaces.add(here);
                } else {
                    singlePlaces.add(null);
                    addPlaces(packages.size() - 1, pkg, here, warnings);
                }
                growIfHalfFull();
                return;
            }
            if (hashes[position] == hash && sameExceptLocations(packages.get(position), pkg)) {
                addPlaces(position, pkg, here, warnings);
                return;
            }
        }
    }

    /** Each distinct package, in the order first met, with its places. */
    void forEach(BiConsumer<Package, List<Location>> action) {
        for (int i = 0; i < packages.size(); i++) {
            List<Location> single = singlePlaces.get(i);
            action.accept(packages.get(i), single != null ? single : List.copyOf(repeated.get(i)));
        }
    }

    int size() {
        return packages.size();
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

    private int append(Package pkg, int hash) {
        int position = packages.size();
        packages.add(pkg);
        if (position == hashes.length) {
            hashes = Arrays.copyOf(hashes, position * 2);
        }
        hashes[position] = hash;
        return position;
    }

    private void growIfHalfFull() {
        if (packages.size() * 2 <= slots.length) {
            return;
        }
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int position = 0; position < packages.size(); position++) {
            int slot = spread(hashes[position]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = position + 1;
        }
    }

    /** Spreads the high bits down, as HashMap does, so that hashes differing only there do not share slots. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static int hashExceptLocations(Package pkg) {
        return Objects.hash(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source(), pkg.purl(), pkg.foundBy(),
                pkg.licenses(), pkg.properties());
    }

    private static boolean sameExceptLocations(Package a, Package b) {
        return a.type().equals(b.type()) && a.name().equals(b.name()) && a.version().equals(b.version())
                && Objects.equals(a.arch(), b.arch()) && Objects.equals(a.source(), b.source()) && Objects.equals(a.purl(), b.purl())
                && Objects.equals(a.foundBy(), b.foundBy()) && a.licenses().equals(b.licenses()) && a.properties().equals(b.properties());
    }
}
