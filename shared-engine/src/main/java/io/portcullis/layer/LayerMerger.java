package io.portcullis.layer;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.FoundSecret;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Stacks layer analyses bottom-up the way an overlay filesystem stacks layers, then assembles the
 * inventory of what survives. A path in a higher layer replaces the lower one's result (and any
 * lower content under it, as a file cannot have children); a whiteout deletes a path and its
 * subtree; an opaque directory drops lower content under it. Use one merger per image.
 *
 * <p>An application package whose every location lies in a path that a surviving OS package
 * database lists as installed by an OS package (Debian's python3-requests, Alpine's py3-six) gets
 * the property {@value Package#OS_OWNED}{@code =<OS package name>}: it stays in the inventory, so the SBOM
 * lists it, but it is the OS package's files, and vulnerabilities are matched on the OS package.
 *
 * <p>Which release file names the distribution, and how packages of one format that were found twice
 * are reconciled, are the analyzers' rules, so the scan passes them in: the merge knows no format.
 */
public final class LayerMerger {

    private final Function<Map<String, OperatingSystem>, OperatingSystem> osResolution;
    private final UnaryOperator<List<Package>> reconciliation;
    /**
     * One package identity at more places than this (the same jar copied, or nested, thousands of times) is listed
     * with its first places only: every location is carried into every SBOM and report, so a small image that
     * repeats one jar a million times would otherwise make them huge.
     */
    static final int MAX_LOCATIONS_PER_PACKAGE = 1000;

    private record Surviving(String layerDiffId, Map<String, FileAnalysis> byAnalyzer) {
    }

    private final TreeMap<String, Surviving> paths = new TreeMap<>();

    /** A secret seen in some layer; {@code removed} once a layer above deletes or replaces its file. */
    private static final class TrackedSecret {
        final int layerIndex;
        final String layerDiffId;
        final String path;
        final FoundSecret secret;
        boolean removed;

        TrackedSecret(int layerIndex, String layerDiffId, String path, FoundSecret secret) {
            this.layerIndex = layerIndex;
            this.layerDiffId = layerDiffId;
            this.path = path;
            this.secret = secret;
        }
    }

    private record TrackedMode(int layerIndex, String layerDiffId, int mode) {
    }

    private final List<TrackedSecret> secrets = new ArrayList<>();
    /** The topmost mode of each executable or special file still present, by path. */
    private final Map<String, TrackedMode> modes = new HashMap<>();
    private int layerCount;

    /**
     * @param osResolution picks the distribution from the surviving release files' answers, by path
     * @param reconciliation applied to the merged packages, e.g. to drop lockfile entries that are also installed
     */
    public LayerMerger(Function<Map<String, OperatingSystem>, OperatingSystem> osResolution,
                       UnaryOperator<List<Package>> reconciliation) {
        this.osResolution = osResolution;
        this.reconciliation = reconciliation;
    }

    /** Applies the next layer up. */
    public void add(String layerDiffId, LayerAnalysis layer) {
        int layerIndex = layerCount++;
        for (TrackedSecret tracked : secrets) {
            tracked.removed |= replaces(layer, tracked.path);
        }
        modes.keySet().removeIf(path -> replaces(layer, path));
        layer.fileModes().forEach((path, mode) -> modes.put(path, new TrackedMode(layerIndex, layerDiffId, mode)));
        layer.files().forEach((path, byAnalyzer) -> byAnalyzer.values().forEach(analysis -> analysis.secrets()
                .forEach(secret -> secrets.add(new TrackedSecret(layerIndex, layerDiffId, path, secret)))));
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
        List<List<Package>> lists = new ArrayList<>();
        List<String> listPaths = new ArrayList<>();
        List<String> listLayers = new ArrayList<>();
        paths.forEach((path, surviving) -> surviving.byAnalyzer().values().forEach(analysis -> {
            lists.add(analysis.packages());
            listPaths.add(path);
            listLayers.add(surviving.layerDiffId());
            for (String warning : analysis.warnings()) {
                warnings.add(warning.contains(path) ? warning : path + ": " + warning);
            }
        }));
        JoinedPackages met = new JoinedPackages(lists);
        DistinctPackages found = new DistinctPackages(met);
        int position = 0;
        for (int i = 0; i < lists.size(); i++) {
            String path = listPaths.get(i);
            String layerDiffId = listLayers.get(i);
            // The packages of one database file usually share one location list: it is put in its layer once for all.
            Map<List<Location>, List<Location>> inLayer = new HashMap<>();
            for (Package pkg : lists.get(i)) {
                List<Location> here = inLayer.computeIfAbsent(pkg.locations(), locations -> locations.isEmpty()
                        ? List.of(new Location(layerDiffId, path))
                        : List.copyOf(locations.stream().map(location -> new Location(layerDiffId, location.path())).toList()));
                found.add(position++, here, warnings);
            }
        }
        List<Package> packages = MergedPackages.of(met, found, os, ownersByPath(), warnings);
        return new Inventory(os, reconciliation.apply(packages), warnings);
    }

    /**
     * Every secret found in any layer added so far, bottom layer first, except in files an OS package owns
     * (a distribution's own files: test keys in its documentation are not the image's leak). A secret whose
     * file a later layer deleted or replaced is kept, marked removed: the layer blob still holds it.
     */
    public List<LayerSecret> secrets() {
        Map<String, String> owners = ownersByPath();
        return secrets.stream().filter(s -> !owners.containsKey(s.path))
                .map(s -> new LayerSecret(s.layerIndex, s.layerDiffId, s.path, s.secret, s.removed)).toList();
    }

    /** The setuid and setgid regular files of the merged filesystem, by path, each with the OS package that owns it if any. */
    public List<SpecialModeFile> specialModeFiles() {
        Map<String, String> owners = ownersByPath();
        return new TreeMap<>(modes).entrySet().stream()
                .filter(e -> (e.getValue().mode() & (SpecialModeFile.SETUID | SpecialModeFile.SETGID)) != 0)
                .map(e -> new SpecialModeFile(e.getValue().layerIndex(), e.getValue().layerDiffId(), e.getKey(), e.getValue().mode(),
                        owners.get(e.getKey())))
                .toList();
    }

    /** Whether {@code layer} deletes or writes {@code path}, or deletes, hides or replaces a directory above it. */
    private static boolean replaces(LayerAnalysis layer, String path) {
        if (layer.files().containsKey(path) || layer.fileModes().containsKey(path)) {
            return true;
        }
        for (String p = path; !p.isEmpty(); p = LayerPaths.parent(p)) {
            if (layer.whiteouts().contains(p) || layer.links().containsKey(p) || (!p.equals(path) && layer.files().containsKey(p))) {
                return true;
            }
            String parent = LayerPaths.parent(p);
            if (layer.opaqueDirs().contains(parent)) {
                return true;
            }
        }
        return false;
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

    /** The distribution the surviving release files name, as the OS resolution given to the constructor chooses. */
    private OperatingSystem operatingSystem() {
        Map<String, OperatingSystem> byPath = new TreeMap<>();
        paths.forEach((path, surviving) -> surviving.byAnalyzer().values().forEach(analysis -> {
            if (analysis.os() != null) {
                byPath.putIfAbsent(path, analysis.os());
            }
        }));
        return osResolution.apply(byPath);
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
