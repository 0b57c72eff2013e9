package io.portcullis.layer;

import io.portcullis.analyzer.FileAnalysis;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PurlFactory;
import io.portcullis.inventory.npm.InstalledOverLockfile;
import io.portcullis.inventory.os.OsResolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stacks layer analyses bottom-up the way an overlay filesystem stacks layers, then assembles the
 * inventory of what survives. A path in a higher layer replaces the lower one's result (and any
 * lower content under it, as a file cannot have children); a whiteout deletes a path and its
 * subtree; an opaque directory drops lower content under it. Use one merger per image.
 *
 * <p>An application package whose every location lies in a path that a surviving OS package
 * database lists as installed by an OS package (Debian's python3-requests, Alpine's py3-six) gets
 * the property {@value #OS_OWNED}{@code =<OS package name>}: it stays in the inventory, so the SBOM
 * lists it, but it is the OS package's files, and vulnerabilities are matched on the OS package.
 */
public final class LayerMerger {

    /** Package property naming the OS package(s) whose files an application package is; see the class comment. */
    public static final String OS_OWNED = "osOwned";

    private static final Set<String> OS_PACKAGE_TYPES = Set.of("deb", "apk", "rpm");

    private record Surviving(String layerDiffId, Map<String, FileAnalysis> byAnalyzer) {
    }

    private final TreeMap<String, Surviving> paths = new TreeMap<>();

    /** Applies the next layer up. */
    public void add(String layerDiffId, LayerAnalysis layer) {
        layer.opaqueDirs().forEach(this::removeUnder);
        for (String deleted : layer.whiteouts()) {
            paths.remove(deleted);
            removeUnder(deleted);
        }
        for (String link : layer.links().keySet()) {
            paths.remove(link);
            removeUnder(link);
        }
        layer.files().forEach((path, byAnalyzer) -> {
            removeUnder(path);
            paths.put(path, new Surviving(layerDiffId, byAnalyzer));
        });
    }

    /** The inventory of the layers added so far: OS, packages with layer locations and purls, warnings. */
    public Inventory inventory() {
        List<String> warnings = new ArrayList<>();
        OperatingSystem os = operatingSystem();
        Map<Package, Set<Location>> found = new LinkedHashMap<>();
        paths.forEach((path, surviving) -> surviving.byAnalyzer().values().forEach(analysis -> {
            for (Package pkg : analysis.packages()) {
                Set<Location> locations = found.computeIfAbsent(pkg.withLocations(List.of()), p -> new LinkedHashSet<>());
                if (pkg.locations().isEmpty()) {
                    locations.add(new Location(surviving.layerDiffId(), path));
                } else {
                    pkg.locations().forEach(location -> locations.add(new Location(surviving.layerDiffId(), location.path())));
                }
            }
            for (String warning : analysis.warnings()) {
                warnings.add(warning.contains(path) ? warning : path + ": " + warning);
            }
        }));
        Map<String, String> owners = ownersByPath();
        List<Package> packages = new ArrayList<>(found.size());
        found.forEach((pkg, locations) -> {
            Package located = markOsOwned(pkg.withLocations(List.copyOf(locations)), owners);
            packages.add(located.purl() != null ? located : withPurl(located, os, warnings));
        });
        return new Inventory(os, InstalledOverLockfile.apply(packages), warnings);
    }

    /** Owned path to its OS package, from the surviving databases; a path two packages list keeps the first name in path order. */
    private Map<String, String> ownersByPath() {
        Map<String, String> owners = new HashMap<>();
        paths.values().forEach(surviving -> surviving.byAnalyzer().values().forEach(analysis ->
                analysis.ownedPaths().forEach((owner, owned) -> owned.forEach(path -> {
                    String normalised = LayerPaths.normalise(path);
                    if (normalised != null && !normalised.isEmpty()) {
                        owners.putIfAbsent(normalised, owner);
                    }
                }))));
        return owners;
    }

    /** Marked only when every location is owned: one copy outside the OS package's files is the application's own. */
    private static Package markOsOwned(Package pkg, Map<String, String> owners) {
        if (owners.isEmpty() || OS_PACKAGE_TYPES.contains(pkg.type()) || pkg.locations().isEmpty()) {
            return pkg;
        }
        Set<String> osPackages = new TreeSet<>();
        for (Location location : pkg.locations()) {
            String path = location.path();
            int nested = path.indexOf("!/");
            String owner = owners.get(nested < 0 ? path : path.substring(0, nested));
            if (owner == null) {
                return pkg;
            }
            osPackages.add(owner);
        }
        Map<String, String> properties = new HashMap<>(pkg.properties());
        properties.put(OS_OWNED, String.join(",", osPackages));
        return new Package(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source(), pkg.purl(), pkg.locations(),
                pkg.foundBy(), pkg.licenses(), properties);
    }

    private static Package withPurl(Package pkg, OperatingSystem os, List<String> warnings) {
        if (pkg.type().equals("maven") && !pkg.name().contains(":")) {
            // A jar without a group yet: identify.JarIdentifier names it, or warns that it could not.
            return pkg;
        }
        try {
            return pkg.withPurl(PurlFactory.purl(pkg, os));
        } catch (IllegalArgumentException e) {
            warnings.add(pkg.locations().get(0).path() + ": " + e.getMessage());
            return pkg;
        }
    }

    /** The distribution the surviving release files name, chosen by osdb's {@link OsResolution}. */
    private OperatingSystem operatingSystem() {
        Map<String, OperatingSystem> byPath = new TreeMap<>();
        paths.forEach((path, surviving) -> surviving.byAnalyzer().values().forEach(analysis -> {
            if (analysis.os() != null) {
                byPath.putIfAbsent(path, analysis.os());
            }
        }));
        return OsResolution.resolve(byPath);
    }

    /** Drops every path strictly below {@code dir}; "" is the root. */
    private void removeUnder(String dir) {
        if (dir.isEmpty()) {
            paths.clear();
        } else {
            // '0' follows '/' in UTF-16 order, so this range is exactly the paths starting with dir + "/".
            paths.subMap(dir + "/", dir + "0").clear();
        }
    }
}
