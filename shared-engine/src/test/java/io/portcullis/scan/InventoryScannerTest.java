package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.InputException;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.image.Layer;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.os.OsReleaseAnalyzer;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.PackageListTestAnalyzer;
import io.portcullis.layer.TestImage.CountingLayer;
import io.portcullis.layer.TestImage;
import io.portcullis.layer.TestLayerTar.Compression;
import io.portcullis.layer.TestLayerTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InventoryScannerTest {

    private static final List<Analyzer> ANALYZERS = List.of(new OsReleaseAnalyzer(), new PackageListTestAnalyzer());

    @TempDir
    Path cacheDir;

    private static CountingLayer base() {
        return new CountingLayer(new TestLayerTar()
                .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.11.5\n")
                .file("lib/apk/db.pkgs", "apk musl 1.1.24-r2 x86_64\napk busybox 1.31.1-r9 x86_64")
                .file("app/a.pkgs", "npm left-pad 1.3.0")
                .file("app/sub/b.pkgs", "npm @angular/core 9.0.0")
                .file("opt/o1.pkgs", "pypi Django_Allauth 0.41.0")
                .file("keep/k.pkgs", "cargo rand 0.7.2")
                .file("srv/s.pkgs", "gem rails 6.0.0")
                .build(Compression.GZIP));
    }

    private static TestImage threeLayers() {
        CountingLayer middle = new CountingLayer(new TestLayerTar()
                .file("app/.wh.sub", "")
                .file("opt/.wh..wh..opq", "")
                .file("opt/o2.pkgs", "golang github.com/gorilla/context v1.1.1")
                .file("lib/apk/db.pkgs", "apk musl 1.1.24-r3 x86_64\napk busybox 1.31.1-r9 x86_64")
                .file("keep/.wh.k.pkgs", "")
                .file("srv/s.pkgs", "")
                .build(Compression.ZSTD));
        CountingLayer top = new CountingLayer(new TestLayerTar()
                .file("keep/k.pkgs", "cargo rand 0.8.0")
                .file("opt/o3.pkgs", "maven org.apache.commons:commons-lang3 3.12.0")
                .symlink("app/a.pkgs", "/srv/a.pkgs")
                .build(Compression.PLAIN));
        return new TestImage("registry.test/app:1", List.of(base(), middle, top));
    }

    /** Packages as "type name version @ [layer number:path, ...]", layers numbered from 1 at the bottom. */
    private static List<String> describe(Inventory inventory, TestImage image) {
        List<String> diffIds = image.layers().stream().map(Layer::diffId).toList();
        return inventory.packages().stream()
                .map(p -> p.type() + " " + p.name() + " " + p.version() + " @ " + p.locations().stream()
                        .map(l -> (diffIds.indexOf(l.layerDiffId()) + 1) + ":" + l.path()).toList())
                .toList();
    }

    @Test
    void mergesLayersBottomUpWithWhiteoutsOpaqueDirectoriesReplacementsAndLinks() {
        TestImage image = threeLayers();
        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);

        assertEquals(List.of(
                "cargo rand 0.8.0 @ [3:keep/k.pkgs]",
                "apk musl 1.1.24-r3 @ [2:lib/apk/db.pkgs]",
                "apk busybox 1.31.1-r9 @ [2:lib/apk/db.pkgs]",
                "golang github.com/gorilla/context v1.1.1 @ [2:opt/o2.pkgs]",
                "maven org.apache.commons:commons-lang3 3.12.0 @ [3:opt/o3.pkgs]"), describe(inventory, image));
        assertEquals(new OperatingSystem("alpine", "3.11.5", null, "Alpine Linux"), inventory.os());
        assertEquals(List.of(
                "pkg:cargo/rand@0.8.0",
                "pkg:apk/alpine/musl@1.1.24-r3?arch=x86_64&distro=alpine-3.11.5",
                "pkg:apk/alpine/busybox@1.31.1-r9?arch=x86_64&distro=alpine-3.11.5",
                "pkg:golang/github.com/gorilla/context@v1.1.1",
                "pkg:maven/org.apache.commons/commons-lang3@3.12.0"), inventory.packages().stream().map(Package::purl).toList());
    }

    @Test
    void aWarmRescanOpensNoLayerItHasAnalysed() {
        TestImage image = threeLayers();
        Inventory cold = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);
        assertEquals(3, image.totalOpens());

        List<String> events = new ArrayList<>();
        Inventory warm = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get())
                .scan(image, new InventoryScanner.LayerListener() {
                    @Override
                    public void layerFinished(int index, int count, Layer layer, boolean fromCache, long bytesRead, Duration took) {
                        events.add(index + " " + layer.diffId() + " " + fromCache + " " + bytesRead);
                    }
                });

        assertEquals(3, image.totalOpens());
        assertEquals(cold, warm);
        assertEquals(image.layers().stream().map(l -> image.layers().indexOf(l) + " " + l.diffId() + " true 0").toList(), events);
    }

    @Test
    void aSharedBaseLayerIsReadOncePerCache() {
        InventoryScanner scanner = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get());
        scanner.scan(threeLayers());
        CountingLayer base = base();
        CountingLayer other = new CountingLayer(new TestLayerTar().file("x.pkgs", "npm lodash 4.17.21").build(Compression.GZIP));

        Inventory inventory = scanner.scan(new TestImage("registry.test/other:1", List.of(base, other)));

        assertEquals(0, base.opens());
        assertEquals(1, other.opens());
        assertEquals(8, inventory.packages().size());
    }

    @Test
    void newAnalyzerVersionsReadTheLayersAgain() {
        TestImage image = threeLayers();
        new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);
        new InventoryScanner(List.of(new OsReleaseAnalyzer(), new PackageListTestAnalyzer(2)), LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);
        assertEquals(6, image.totalOpens());
    }

    @Test
    void layersWithoutDiffIdAreNeverCached() throws Exception {
        CountingLayer rootfs = new CountingLayer(null, new TestLayerTar().file("a.pkgs", "npm lodash 4.17.21").build(Compression.PLAIN));
        TestImage image = new TestImage("/srv/rootfs", List.of(rootfs));
        InventoryScanner scanner = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get());

        Inventory first = scanner.scan(image);
        scanner.scan(image);

        assertEquals(2, rootfs.opens());
        assertEquals(List.of(new Location(null, "a.pkgs")), first.packages().get(0).locations());
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aBadLayerFailsTheScanNamingImageAndLayerAndIsNotCached() throws Exception {
        CountingLayer evil = new CountingLayer(new TestLayerTar().hardlink("etc/shadow", "../../etc/shadow").build(Compression.GZIP));
        TestImage image = new TestImage("registry.test/evil:1", List.of(base(), evil));
        InventoryScanner scanner = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get());

        InputException e = assertThrows(InputException.class, () -> scanner.scan(image));

        assertEquals("image registry.test/evil:1, layer " + evil.diffId() + ": hard link 'etc/shadow' -> '../../etc/shadow' points outside the layer root", e.getMessage());
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(1, files.count(), "only the good base layer is cached");
        }
    }

    @Test
    void aLayerWhoseContentIsNotItsDiffIdIsRejectedAndNotCached() throws Exception {
        CountingLayer genuine = base();
        CountingLayer impostor = new CountingLayer(genuine.diffId(), new TestLayerTar().file("lib/apk/db.pkgs", "").build(Compression.GZIP));
        InventoryScanner scanner = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get());

        InputException e = assertThrows(InputException.class, () -> scanner.scan(new TestImage("registry.test/impostor:1", List.of(impostor))));

        assertEquals("image registry.test/impostor:1, layer " + genuine.diffId() + ": content does not match its diffID " + genuine.diffId()
                + " (it is " + TestLayerTar.diffIdOf(impostor.blob()) + ")", e.getMessage());
        assertEquals(7, scanner.scan(new TestImage("registry.test/genuine:1", List.of(genuine))).packages().size());
        assertEquals(1, genuine.opens());
    }

    @Test
    void osReleaseWinsAndLacksOnlyWhatTheNextFileOfTheSameDistroFills() {
        CountingLayer layer = new CountingLayer(new TestLayerTar()
                .file("etc/os-release", "ID=alpine\nPRETTY_NAME=\"Alpine Linux edge\"\n")
                .file("usr/lib/os-release", "ID=debian\nVERSION_ID=12\n")
                .file("etc/alpine-release", "3.21_alpha20240807\n")
                .build(Compression.GZIP));

        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get())
                .scan(new TestImage("edge", List.of(layer)));

        assertEquals(new OperatingSystem("alpine", "3.21_alpha20240807", null, "Alpine Linux edge"), inventory.os());
    }

    @Test
    void usrLibOsReleaseCountsWhenEtcOsReleaseIsAWhitedOutOrLinkedAway() {
        CountingLayer lower = new CountingLayer(new TestLayerTar()
                .file("etc/os-release", "ID=debian\nVERSION_ID=11\n")
                .file("usr/lib/os-release", "ID=debian\nVERSION_ID=12\nVERSION_CODENAME=bookworm\n")
                .build(Compression.GZIP));
        CountingLayer upper = new CountingLayer(new TestLayerTar()
                .symlink("etc/os-release", "../usr/lib/os-release")
                .build(Compression.GZIP));

        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get())
                .scan(new TestImage("debian", List.of(lower, upper)));

        assertEquals(new OperatingSystem("debian", "12", "bookworm", null), inventory.os());
    }

    @Test
    void theSamePackageAtTwoPathsIsOnePackageWithTwoLocationsAndWarningsKeepTheirPaths() {
        CountingLayer layer = new CountingLayer(new TestLayerTar()
                .file("a/one.pkgs", "npm lodash 4.17.21\nbroken")
                .file("b/two.pkgs", "npm lodash 4.17.21")
                .build(Compression.GZIP));

        TestImage image = new TestImage("dup", List.of(layer));
        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);

        assertEquals(List.of("npm lodash 4.17.21 @ [1:a/one.pkgs, 1:b/two.pkgs]"), describe(inventory, image));
        assertEquals(List.of("a/one.pkgs: bad line 'broken'"), inventory.warnings());
    }
}
