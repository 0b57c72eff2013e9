package io.portcullis.inventory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Copies found by list position: the first package of each equivalence class is an entry, every later copy is told it. */
class PackageIndexTest {

    private static Package jar(String name, String version, String path, Map<String, String> properties) {
        return new Package("maven", name, version, null, null, "pkg:maven/" + name.replace(':', '/') + "@" + version,
                List.of(new Location("sha256:a", path)), "java-archive", List.of(), properties);
    }

    @Test
    void aCopyIsToldThePositionOfTheFirstPackageItEquals() {
        Package plain = jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of());
        Package nested = jar("org.slf4j:slf4j-api", "2.0.9", "app/app.jar!/BOOT-INF/lib/slf4j-api-2.0.9.jar", Map.of("sha1", "7cf2726f"));
        Package other = jar("org.slf4j:slf4j-api", "2.0.10", "app/lib/slf4j-api-2.0.10.jar", Map.of());
        PackageIndex index = PackageIndex.byIdentity(List.of(plain, other, nested));
        assertEquals(-1, index.firstOrAdd(0));
        assertEquals(-1, index.firstOrAdd(1));
        assertEquals(0, index.firstOrAdd(2));
        assertEquals(2, index.size());
        assertEquals(0, index.position(0));
        assertEquals(1, index.position(1));
    }

    @Test
    void exceptLocationsTellsApartPackagesThatDifferInAProperty() {
        Package plain = jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of());
        PackageIndex index = PackageIndex.exceptLocations(List.of(plain,
                plain.withLocations(List.of(new Location("sha256:b", "opt/slf4j-api.jar"))),
                jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of("sha1", "7cf2726f"))));
        assertEquals(-1, index.firstOrAdd(0));
        assertEquals(0, index.firstOrAdd(1));
        assertEquals(-1, index.firstOrAdd(2));
        assertEquals(2, index.size());
        assertEquals(2, index.position(1));
    }

    /** Past many doublings of the table, with hashes that differ only in their high bits, every copy still finds its first. */
    @Test
    void oneHundredThousandPackagesWithCrowdedHashesEachFindTheirFirstCopy() {
        int count = 100_000;
        List<Package> packages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packages.add(jar("g:a", Integer.toString(i), "a.jar", Map.of()));
        }
        for (int i = count - 1; i >= 0; i -= 7) {
            packages.add(jar("g:a", Integer.toString(i), "copy.jar", Map.of()));
        }
        PackageIndex index = PackageIndex.of(packages, pkg -> Integer.parseInt(pkg.version()) << 16, (a, b) -> a.version().equals(b.version()));
        for (int i = 0; i < count; i++) {
            assertEquals(-1, index.firstOrAdd(i));
        }
        int copy = count;
        for (int i = count - 1; i >= 0; i -= 7) {
            assertEquals(i, index.firstOrAdd(copy++));
        }
        assertEquals(count, index.size());
    }
}
