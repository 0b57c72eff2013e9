package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The merge's index of distinct packages: copies of one package become one entry with all their places, in the order met. */
class DistinctPackagesTest {

    private static Package deb(String name, String version, List<Location> locations) {
        return new Package("deb", name, version, "amd64", new SourcePackage(name, version), null, locations, "dpkg", List.of(),
                Map.of("status", "install ok installed"));
    }

    private static Location at(String layer, String path) {
        return new Location(layer, path);
    }

    private static List<String> collect(DistinctPackages distinct) {
        List<String> rows = new ArrayList<>();
        distinct.forEach((pkg, places) -> rows.add(pkg.name() + " " + pkg.version() + " "
                + places.stream().map(l -> l.layerDiffId() + ":" + l.path()).toList()));
        return rows;
    }

    @Test
    void copiesBecomeOneEntryWithEveryPlaceOnceInTheOrderFirstMet() {
        DistinctPackages distinct = new DistinctPackages();
        List<String> warnings = new ArrayList<>();
        List<Location> status = List.of(at("sha256:a", "var/lib/dpkg/status"));
        distinct.add(deb("zlib1g", "1:1.2.13", List.of()), status, warnings);
        distinct.add(deb("bash", "5.2.15-2", List.of()), status, warnings);
        distinct.add(deb("zlib1g", "1:1.2.13", List.of(at(null, "elsewhere"))), List.of(at("sha256:b", "usr/lib/dpkg/status")), warnings);
        distinct.add(deb("zlib1g", "1:1.2.13", List.of()), status, warnings);
        distinct.add(deb("zlib1g", "1:1.2.14", List.of()), status, warnings);
        assertEquals(List.of(
                "zlib1g 1:1.2.13 [sha256:a:var/lib/dpkg/status, sha256:b:usr/lib/dpkg/status]",
                "bash 5.2.15-2 [sha256:a:var/lib/dpkg/status]",
                "zlib1g 1:1.2.14 [sha256:a:var/lib/dpkg/status]"), collect(distinct));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aPackageFoundOnceKeepsTheListItCameWith() {
        DistinctPackages distinct = new DistinctPackages();
        List<Location> status = List.of(at("sha256:a", "var/lib/dpkg/status"));
        distinct.add(deb("bash", "5.2.15-2", List.of()), status, new ArrayList<>());
        distinct.add(deb("dash", "0.5.12-2", List.of()), status, new ArrayList<>());
        distinct.forEach((pkg, places) -> assertSame(status, places, pkg.name()));
    }

    @Test
    void packagesDifferingInAnyFieldButTheirLocationsStayApart() {
        DistinctPackages distinct = new DistinctPackages();
        List<Location> here = List.of(at("sha256:a", "var/lib/dpkg/status"));
        Package bash = deb("bash", "5.2.15-2", List.of());
        distinct.add(bash, here, new ArrayList<>());
        distinct.add(bash.withPurl("pkg:deb/debian/bash@5.2.15-2"), here, new ArrayList<>());
        distinct.add(new Package("deb", "bash", "5.2.15-2", "arm64", bash.source(), null, List.of(), "dpkg", List.of(), bash.properties()),
                here, new ArrayList<>());
        distinct.add(new Package("deb", "bash", "5.2.15-2", "amd64", bash.source(), null, List.of(), "dpkg", List.of(), Map.of()),
                here, new ArrayList<>());
        distinct.add(new Package("deb", "bash", "5.2.15-2", "amd64", new SourcePackage("bash", "5.2.15-1"), null, List.of(), "dpkg",
                List.of(), bash.properties()), here, new ArrayList<>());
        assertEquals(5, distinct.size());
    }

    /** Enough packages to grow the table many times, each added twice from two layers, in an order unlike the first. */
    @Test
    void fiftyThousandPackagesAddedTwiceAreEachListedOnceWithBothPlaces() {
        DistinctPackages distinct = new DistinctPackages();
        List<Location> lower = List.of(at("sha256:a", "var/lib/dpkg/status"));
        List<Location> upper = List.of(at("sha256:b", "var/lib/dpkg/status"));
        int count = 50_000;
        IntStream.range(0, count).forEach(i -> distinct.add(deb("p" + i, "1." + (i % 7), List.of()), lower, new ArrayList<>()));
        IntStream.range(0, count).map(i -> count - 1 - i).forEach(i -> distinct.add(deb("p" + i, "1." + (i % 7), List.of()), upper,
                new ArrayList<>()));
        List<String> rows = collect(distinct);
        assertEquals(count, rows.size());
        for (int i = 0; i < count; i += 997) {
            assertEquals("p" + i + " 1." + (i % 7) + " [sha256:a:var/lib/dpkg/status, sha256:b:var/lib/dpkg/status]", rows.get(i));
        }
    }

    @Test
    void placesPastTheCapAreDroppedWithOneWarning() {
        DistinctPackages distinct = new DistinctPackages();
        List<String> warnings = new ArrayList<>();
        int places = LayerMerger.MAX_LOCATIONS_PER_PACKAGE + 5;
        for (int i = 0; i < places; i++) {
            distinct.add(deb("jar", "1.0", List.of()), List.of(at("sha256:a", "app/" + i + ".jar")), warnings);
        }
        distinct.add(deb("jar", "1.0", List.of()), List.of(at("sha256:a", "app/0.jar")), warnings);
        List<Integer> sizes = new ArrayList<>();
        distinct.forEach((pkg, found) -> sizes.add(found.size()));
        assertEquals(List.of(LayerMerger.MAX_LOCATIONS_PER_PACKAGE), sizes);
        assertEquals(List.of("app/" + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + ".jar: jar 1.0 found at more than 1000 places; only the first 1000 are listed"),
                warnings);
    }
}
