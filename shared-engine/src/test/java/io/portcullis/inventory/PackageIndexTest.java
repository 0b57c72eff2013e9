package io.portcullis.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Copies found by position: the first package of each equivalence class keeps its position, every later copy is told it. */
class PackageIndexTest {

    private static Package jar(String name, String version, String path, Map<String, String> properties) {
        return new Package("maven", name, version, null, null, "pkg:maven/" + name.replace(':', '/') + "@" + version,
                List.of(new Location("sha256:a", path)), "java-archive", List.of(), properties);
    }

    @Test
    void aCopyIsToldThePositionOfTheFirstPackageItEquals() {
        PackageIndex index = PackageIndex.byIdentity();
        Package plain = jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of());
        Package nested = jar("org.slf4j:slf4j-api", "2.0.9", "app/app.jar!/BOOT-INF/lib/slf4j-api-2.0.9.jar", Map.of("sha1", "7cf2726f"));
        Package other = jar("org.slf4j:slf4j-api", "2.0.10", "app/lib/slf4j-api-2.0.10.jar", Map.of());
        assertEquals(-1, index.firstOrAdd(plain));
        assertEquals(-1, index.firstOrAdd(other));
        assertEquals(0, index.firstOrAdd(nested));
        assertEquals(2, index.size());
        assertSame(plain, index.get(0));
        assertSame(other, index.get(1));
    }

    @Test
    void exceptLocationsTellsApartPackagesThatDifferInAProperty() {
        PackageIndex index = PackageIndex.exceptLocations();
        Package plain = jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of());
        assertEquals(-1, index.firstOrAdd(plain));
        assertEquals(0, index.firstOrAdd(plain.withLocations(List.of(new Location("sha256:b", "opt/slf4j-api.jar")))));
        assertEquals(-1, index.firstOrAdd(jar("org.slf4j:slf4j-api", "2.0.9", "app/lib/slf4j-api-2.0.9.jar", Map.of("sha1", "7cf2726f"))));
        assertEquals(2, index.size());
    }

    /** Past many doublings of the table, with hashes that differ only in their high bits, every copy still finds its first. */
    @Test
    void oneHundredThousandPackagesWithCrowdedHashesEachFindTheirFirstCopy() {
        PackageIndex index = PackageIndex.of(pkg -> Integer.parseInt(pkg.version()) << 16, (a, b) -> a.version().equals(b.version()));
        int count = 100_000;
        for (int i = 0; i < count; i++) {
            assertEquals(-1, index.firstOrAdd(jar("g:a", Integer.toString(i), "a.jar", Map.of())));
        }
        for (int i = count - 1; i >= 0; i -= 7) {
            assertEquals(i, index.firstOrAdd(jar("g:a", Integer.toString(i), "copy.jar", Map.of())));
        }
        assertEquals(count, index.size());
    }
}
