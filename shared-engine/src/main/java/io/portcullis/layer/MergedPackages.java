package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageList;
import io.portcullis.inventory.PurlFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages of a merged image: each distinct package met in the surviving files, with every place it was found,
 * its purl and, for an application package in an OS package's files, the {@value Package#OS_OWNED} mark. Made
 * when asked for from the analyses' own lists, which the inventory then holds instead of a copy: a purl is about
 * eighty bytes, and a million of them would not fit where the rest of the inventory does.
 */
final class MergedPackages extends PackageList {

    private final List<Package> met;
    private final int[] positions;
    private final List<List<Location>> places;
    private final OperatingSystem os;
    /** The entries left without a purl: a jar not yet named, or fields no purl can carry (warned of at the merge). */
    private final BitSet withoutPurl;
    /** The properties of the entries marked {@value Package#OS_OWNED}, by entry. */
    private final Map<Integer, Map<String, String>> marked;
    /** The purls that {@link PurlFactory#spelled} does not write as the library does, by entry: rare, so kept. */
    private final Map<Integer, String> spelledOtherwise;

    private MergedPackages(List<Package> met, int[] positions, List<List<Location>> places, OperatingSystem os,
                           BitSet withoutPurl, Map<Integer, Map<String, String>> marked,
                           Map<Integer, String> spelledOtherwise) {
        this.met = met;
        this.positions = positions;
        this.places = places;
        this.os = os;
        this.withoutPurl = withoutPurl;
        this.marked = marked;
        this.spelledOtherwise = spelledOtherwise;
    }

    /**
     * @param owners owned path to the OS package owning it
     * @param warnings gets a warning for each package whose fields form no valid purl
     */
    static MergedPackages of(List<Package> met, DistinctPackages found, OperatingSystem os, Map<String, String> owners,
                             List<String> warnings) {
        int size = found.size();
        int[] positions = new int[size];
        List<List<Location>> places = new ArrayList<>(size);
        BitSet withoutPurl = new BitSet();
        Map<Integer, Map<String, String>> marked = new HashMap<>();
        Map<Integer, String> spelledOtherwise = new HashMap<>();
        for (int entry = 0; entry < size; entry++) {
            positions[entry] = found.position(entry);
            List<Location> here = found.places(entry);
            places.add(here);
            Package pkg = met.get(positions[entry]);
            Map<String, String> ownership = osOwnership(pkg, here, owners);
            if (ownership != null) {
                marked.put(entry, ownership);
            }
            if (pkg.purl() == null) {
                String purl = purl(pkg.withLocations(here), os, warnings);
                if (purl == null) {
                    withoutPurl.set(entry);
                } else if (!purl.equals(PurlFactory.spelled(pkg, os))) {
                    spelledOtherwise.put(entry, purl);
                }
            }
        }
        return new MergedPackages(met, positions, places, os, withoutPurl, marked, spelledOtherwise);
    }

    @Override
    public Package get(int index) {
        Package pkg = met.get(positions[index]);
        Map<String, String> properties = marked.getOrDefault(index, pkg.properties());
        String purl = pkg.purl();
        if (purl == null && !withoutPurl.get(index)) {
            // from the analyzer's package, as the merge checked it: places and the OS-owned mark are not in a purl
            purl = spelledOtherwise.get(index);
            if (purl == null) {
                purl = PurlFactory.spelled(pkg, os);
            }
        }
        return new Package(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source(), purl, places.get(index),
                pkg.foundBy(), pkg.licenses(), properties);
    }

    @Override
    public int size() {
        return positions.length;
    }

    /**
     * The properties with the {@value Package#OS_OWNED} mark, or null when not marked. Marked only when every
     * location is owned: one copy outside the OS package's files is the application's own.
     */
    private static Map<String, String> osOwnership(Package pkg, List<Location> locations, Map<String, String> owners) {
        if (owners.isEmpty() || pkg.installedByDistribution() || locations.isEmpty()) {
            return null;
        }
        Set<String> osPackages = new TreeSet<>();
        for (Location location : locations) {
            String path = location.path();
            int nested = path.indexOf("!/");
            String owner = owners.get(nested < 0 ? path : path.substring(0, nested));
            if (owner == null) {
                return null;
            }
            osPackages.add(owner);
        }
        Map<String, String> properties = new HashMap<>(pkg.properties());
        properties.put(Package.OS_OWNED, String.join(",", osPackages));
        return Map.copyOf(properties);
    }

    /** The purl the merge gives a package that came without one, or null (with a warning when its fields form none). */
    private static String purl(Package pkg, OperatingSystem os, List<String> warnings) {
        if (pkg.type().equals("maven") && !pkg.name().contains(":")) {
            // A jar without a group yet: identify.JarIdentifier names it, or warns that it could not.
            return null;
        }
        try {
            return PurlFactory.purl(pkg, os);
        } catch (IllegalArgumentException e) {
            warnings.add(pkg.locations().get(0).path() + ": " + e.getMessage());
            return null;
        }
    }
}
