package io.portcullis.inventory.npm;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an application ships both its {@code package-lock.json} and the {@code node_modules} it
 * describes, each package would otherwise be inventoried twice (once per file) and every advisory
 * counted twice. What is installed wins: a lockfile location is dropped when the same name and
 * version is installed under that lockfile's own {@code node_modules}; a lockfile package with no
 * location left is dropped. Lockfiles of applications shipped without {@code node_modules} are kept.
 */
public final class InstalledOverLockfile {

    private static final String NODE_MODULES = "node_modules/";

    private InstalledOverLockfile() {
    }

    public static List<Package> apply(List<Package> packages) {
        Map<String, List<String>> installed = new HashMap<>();
        for (Package pkg : packages) {
            if (isNpm(pkg) && !isLockfileEntry(pkg)) {
                pkg.locations().forEach(location -> installed.computeIfAbsent(key(pkg), k -> new ArrayList<>()).add(location.path()));
            }
        }
        if (installed.isEmpty()) {
            return packages;
        }
        List<Package> kept = new ArrayList<>(packages.size());
        for (Package pkg : packages) {
            if (!isNpm(pkg) || !isLockfileEntry(pkg)) {
                kept.add(pkg);
                continue;
            }
            List<Location> notInstalled = pkg.locations().stream()
                    .filter(lockfile -> !installedUnder(pkg, lockfile.path(), installed))
                    .toList();
            if (notInstalled.size() == pkg.locations().size()) {
                kept.add(pkg);
            } else if (!notInstalled.isEmpty()) {
                kept.add(pkg.withLocations(notInstalled));
            }
        }
        return kept;
    }

    /** Installed under the lockfile's node_modules, or (the lockfile's root) the application's package.json beside it. */
    private static boolean installedUnder(Package pkg, String lockfilePath, Map<String, List<String>> installed) {
        String directory = lockfilePath.substring(0, lockfilePath.lastIndexOf('/') + 1);
        String nodeModules = directory + NODE_MODULES;
        String manifest = directory + "package.json";
        return installed.getOrDefault(key(pkg), List.of()).stream()
                .anyMatch(path -> path.startsWith(nodeModules) || path.equals(manifest));
    }

    private static String key(Package pkg) {
        return pkg.name() + "@" + pkg.version();
    }

    private static boolean isNpm(Package pkg) {
        return "npm".equals(pkg.type());
    }

    private static boolean isLockfileEntry(Package pkg) {
        return "true".equals(pkg.properties().get(PackageLockAnalyzer.LOCKFILE));
    }
}
