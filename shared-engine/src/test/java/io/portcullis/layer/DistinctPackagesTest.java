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

    /** The packages met and where, given to the index once all are known, as the merge does. */
    private static final class Met {
        final List<Package> packages = new ArrayList<>();
        final List<List<Location>> places = new ArrayList<>();

        void add(Package pkg, List<Location> here) {
            packages.add(pkg);
            places.add(here);
        }

        DistinctPackages distinct(List<String> warnings) {
            DistinctPackages distinct = new DistinctPackages(packages);
            for (int i = 0; i < packages.size(); i++) {
                distinct.add(i, places.get(i), warnings);
            }
            return distinct;
        }

        List<String> rows(List<String> warnings) {
            DistinctPackages distinct = distinct(warnings);
            List<String> rows = new ArrayList<>();
            for (int entry = 0; entry < distinct.size(); entry++) {
                Package pkg = packages.get(distinct.position(entry));
                rows.add(pkg.name() + " " + pkg.version() + " "
                        + distinct.places(entry).stream().map(l -> l.layerDiffId() + ":" + l.path()).toList());
            }
            return rows;
        }
    }

    @Test
    void copiesBecomeOneEntryWithEveryPlaceOnceInTheOrderFirstMet() {
        Met met = new Met();
        List<String> warnings = new ArrayList<>();
        List<Location> status = List.of(at("sha256:a", "var/lib/dpkg/status"));
        met.add(deb("zlib1g", "1:1.2.13", List.of()), status);
        met.add(deb("bash", "5.2.15-2", List.of()), status);
        met.add(deb("zlib1g", "1:1.2.13", List.of(at(null, "elsewhere"))), List.of(at("sha256:b", "usr/lib/dpkg/status")));
        met.add(deb("zlib1g", "1:1.2.13", List.of()), status);
        met.add(deb("zlib1g", "1:1.2.14", List.of()), status);
        assertEquals(List.of(
                "zlib1g 1:1.2.13 [sha256:a:var/lib/dpkg/status, sha256:b:usr/lib/dpkg/status]",
                "bash 5.2.15-2 [sha256:a:var/lib/dpkg/status]",
                "zlib1g 1:1.2.14 [sha256:a:var/lib/dpkg/status]"), met.rows(warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aPackageFoundOnceKeepsTheListItCameWith() {
        Met met = new Met();
        List<Location> status = List.of(at("sha256:a", "var/lib/dpkg/status"));
        met.add(deb("bash", "5.2.15-2", List.of()), status);
        met.add(deb("dash", "0.5.12-2", List.of()), status);
        DistinctPackages distinct = met.distinct(new ArrayList<>());
        assertEquals(2, distinct.size());
        assertSame(status, distinct.places(0));
        assertSame(status, distinct.places(1));
    }

    @Test
    void packagesDifferingInAnyFieldButTheirLocationsStayApart() {
        Met met = new Met();
        List<Location> here = List.of(at("sha256:a", "var/lib/dpkg/status"));
        Package bash = deb("bash", "5.2.15-2", List.of());
        met.add(bash, here);
        met.add(bash.withPurl("pkg:deb/debian/bash@5.2.15-2"), here);
        met.add(new Package("deb", "bash", "5.2.15-2", "arm64", bash.source(), null, List.of(), "dpkg", List.of(), bash.properties()), here);
        met.add(new Package("deb", "bash", "5.2.15-2", "amd64", bash.source(), null, List.of(), "dpkg", List.of(), Map.of()), here);
        met.add(new Package("deb", "bash", "5.2.15-2", "amd64", new SourcePackage("bash", "5.2.15-1"), null, List.of(), "dpkg",
                List.of(), bash.properties()), here);
        assertEquals(5, met.distinct(new ArrayList<>()).size());
    }

    /** Enough packages to grow the table many times, each added twice from two layers, in an order unlike the first. */
    @Test
    void fiftyThousandPackagesAddedTwiceAreEachListedOnceWithBothPlaces() {
        Met met = new Met();
        List<Location> lower = List.of(at("sha256:a", "var/lib/dpkg/status"));
        List<Location> upper = List.of(at("sha256:b", "var/lib/dpkg/status"));
        int count = 50_000;
        IntStream.range(0, count).forEach(i -> met.add(deb("p" + i, "1." + (i % 7), List.of()), lower));
        IntStream.range(0, count).map(i -> count - 1 - i).forEach(i -> met.add(deb("p" + i, "1." + (i % 7), List.of()), upper));
        List<String> rows = met.rows(new ArrayList<>());
        assertEquals(count, rows.size());
        for (int i = 0; i < count; i += 997) {
            assertEquals("p" + i + " 1." + (i % 7) + " [sha256:a:var/lib/dpkg/status, sha256:b:var/lib/dpkg/status]", rows.get(i));
        }
    }

    @Test
    void placesPastTheCapAreDroppedWithOneWarning() {
        Met met = new Met();
        List<String> warnings = new ArrayList<>();
        int places = LayerMerger.MAX_LOCATIONS_PER_PACKAGE + 5;
        for (int i = 0; i < places; i++) {
            met.add(deb("jar", "1.0", List.of()), List.of(at("sha256:a", "app/" + i + ".jar")));
        }
        met.add(deb("jar", "1.0", List.of()), List.of(at("sha256:a", "app/0.jar")));
        DistinctPackages distinct = met.distinct(warnings);
        assertEquals(1, distinct.size());
        assertEquals(LayerMerger.MAX_LOCATIONS_PER_PACKAGE, distinct.places(0).size());
        assertEquals(List.of("app/" + LayerMerger.MAX_LOCATIONS_PER_PACKAGE + ".jar: jar 1.0 found at more than 1000 places; only the first 1000 are listed"),
                warnings);
    }
}
