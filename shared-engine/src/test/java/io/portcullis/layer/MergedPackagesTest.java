package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PurlFactory;
import io.portcullis.inventory.SourcePackage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merged packages' purls are packageurl-java's, also where the quick spelling would write another. */
class MergedPackagesTest {

    private static final OperatingSystem DEBIAN = new OperatingSystem("debian", "12", "bookworm", null);

    @Test
    void eachPackageGetsTheLibrarysPurlEvenWhereTheQuickSpellingDiffers() {
        List<Location> status = List.of(new Location("sha256:a", "var/lib/dpkg/status"));
        List<Package> met = List.of(
                deb("bash", "5.2.15-2+b2", new SourcePackage("bash", "5.2.15-2")),
                deb("Foo", "1.0", null),                         // the library lowercases deb names
                deb("caf\u00e9", "1~\u00e9", new SourcePackage("caf\u00e9-src", null))); // and mis-encodes non-ASCII
        DistinctPackages distinct = new DistinctPackages(met);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < met.size(); i++) {
            distinct.add(i, status, warnings);
        }
        MergedPackages merged = MergedPackages.of(met, distinct, DEBIAN, Map.of(), warnings);
        assertEquals(List.of(
                        "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2",
                        "pkg:deb/debian/foo@1.0?arch=amd64&distro=debian-12",
                        PurlFactory.purl(met.get(2), DEBIAN)),
                merged.stream().map(Package::purl).toList());
        assertEquals("pkg:deb/debian/caf%FFFFFFC3%FFFFFFA9@1~%FFFFFFC3%FFFFFFA9?arch=amd64&distro=debian-12"
                + "&upstream=caf%FFFFFFC3%FFFFFFA9-src", merged.get(2).purl());
        assertEquals(List.of(), warnings);
    }

    private static Package deb(String name, String version, SourcePackage source) {
        return new Package("deb", name, version, "amd64", source, null, List.of(), "dpkg", List.of(), Map.of());
    }
}
