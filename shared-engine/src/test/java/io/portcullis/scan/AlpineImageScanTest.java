package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import com.github.packageurl.PackageURL;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.apk.ApkInstalledAnalyzer;
import io.portcullis.inventory.os.OsReleaseAnalyzer;
import io.portcullis.layer.AlpineLayerTest;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.TestImage;
import io.portcullis.layer.TestImage.CountingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole inventory path over the real alpine:3.11 image with osdb's real analyzers; expected
 * packages come from awk over the installed database that GNU tar extracts.
 */
class AlpineImageScanTest {

    @TempDir
    Path work;

    @Test
    void inventoryOfTheRealAlpineImage() throws Exception {
        Path layerTar = work.resolve("layer.tar");
        String diffId = AlpineLayerTest.extractFirstLayer(work, layerTar);
        String tar = layerTar.toString();
        List<String> osRelease = AlpineLayerTest.run("tar", "-xOf", tar, "etc/os-release");
        String versionId = field(osRelease, "VERSION_ID");
        String prettyName = field(osRelease, "PRETTY_NAME");
        // name version arch origin, one line per package, as the database file lists them
        List<String> awk = AlpineLayerTest.run("sh", "-c", "tar -xOf '" + tar + "' lib/apk/db/installed | awk -F: '"
                + "/^P:/{p=substr($0,3)} /^V:/{v=substr($0,3)} /^A:/{a=substr($0,3)} /^o:/{o=substr($0,3)} "
                + "/^$/{if (p != \"\") print p, v, a, o; p=\"\"; o=\"\"} END{if (p != \"\") print p, v, a, o}'");
        assertTrue(awk.size() > 10, "alpine:3.11 has a dozen packages or so: " + awk);

        CountingLayer layer = new CountingLayer(diffId, Files.readAllBytes(layerTar));
        InventoryScanner scanner = new InventoryScanner(List.of(new OsReleaseAnalyzer(), new ApkInstalledAnalyzer()),
                LayerCache.at(work.resolve("cache")), LayerLimits.DEFAULT, JvmTempDirectory.get());
        Inventory inventory = scanner.scan(new TestImage("alpine:3.11", List.of(layer)));

        assertEquals(new OperatingSystem("alpine", versionId, null, prettyName), inventory.os());
        Set<String> expected = new TreeSet<>();
        List<PackageURL> expectedPurls = new ArrayList<>();
        for (String line : awk) {
            String[] f = line.split(" ");
            expected.add(f[0] + " " + f[1] + " " + f[2]);
            String upstream = f.length > 3 && !f[3].equals(f[0]) ? "&upstream=" + f[3] : "";
            expectedPurls.add(new PackageURL("pkg:apk/alpine/" + f[0] + "@" + f[1] + "?arch=" + f[2] + "&distro=alpine-" + versionId + upstream));
        }
        Set<String> actual = new TreeSet<>();
        List<PackageURL> actualPurls = new ArrayList<>();
        for (Package pkg : inventory.packages()) {
            actual.add(pkg.name() + " " + pkg.version() + " " + pkg.arch());
            actualPurls.add(new PackageURL(pkg.purl()));
            assertEquals(List.of(new Location(diffId, "lib/apk/db/installed")), pkg.locations());
        }
        assertEquals(expected, actual);
        assertEquals(new TreeSet<>(expectedPurls.stream().map(PackageURL::canonicalize).toList()),
                new TreeSet<>(actualPurls.stream().map(PackageURL::canonicalize).toList()));
        assertEquals(List.of(), inventory.warnings());

        assertEquals(inventory, scanner.scan(new TestImage("alpine:3.11", List.of(layer))));
        assertEquals(1, layer.opens(), "the second scan is served from the cache");
    }

    private static String field(List<String> osRelease, String name) {
        String line = osRelease.stream().filter(l -> l.startsWith(name + "=")).findFirst().orElseThrow();
        return line.substring(name.length() + 1).replaceAll("^\"|\"$", "");
    }
}
