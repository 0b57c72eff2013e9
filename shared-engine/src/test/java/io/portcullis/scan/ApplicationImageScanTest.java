package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.TestImage;
import io.portcullis.layer.TestImage.CountingLayer;
import io.portcullis.layer.TestLayerTar;
import io.portcullis.layer.TestLayerTar.Compression;
import io.portcullis.testing.MavenCentral;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application packages found through the whole pipeline: real artifacts packed into image layers,
 * walked, analysed with the built-in analyzers and merged, with layer-accurate locations.
 */
class ApplicationImageScanTest {

    private static final Path DIST_INFO = Path.of("/usr/lib/python3/dist-packages/packaging-23.0.dist-info/METADATA");
    private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

    @Test
    void findsNestedJarsGoStdlibAndPythonAcrossLayers() throws Exception {
        byte[] log4j = Files.readAllBytes(MavenCentral.jar("org.apache.logging.log4j", "log4j-core", "2.14.1"));
        byte[] jackson = Files.readAllBytes(MavenCentral.jar("com.fasterxml.jackson.core", "jackson-databind", "2.9.10"));
        assertTrue(Files.isRegularFile(DIST_INFO) && Files.isRegularFile(SKOPEO), "needs python3-packaging and skopeo (.ci/install-deps)");
        CountingLayer base = new CountingLayer(new TestLayerTar()
                .file("app/app.jar", fatJar(log4j, jackson))
                .file("usr/bin/skopeo", Files.readAllBytes(SKOPEO))
                .file("usr/lib/python3/dist-packages/packaging-23.0.dist-info/METADATA", Files.readAllBytes(DIST_INFO))
                .build(Compression.GZIP));
        CountingLayer top = new CountingLayer(new TestLayerTar()
                .file("opt/lib/log4j-core-2.14.1.jar", log4j)
                .file("usr/lib/python3/dist-packages/.wh.packaging-23.0.dist-info", "")
                .build(Compression.ZSTD));

        Inventory inventory = new InventoryScanner(BuiltInAnalyzers.all(), LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get())
                .scan(new TestImage("test/app:1", List.of(base, top)));

        List<Package> log4jCore = named(inventory, "org.apache.logging.log4j:log4j-core");
        assertEquals(List.of(new Location(base.diffId(), "app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                        new Location(top.diffId(), "opt/lib/log4j-core-2.14.1.jar")),
                log4jCore.stream().flatMap(p -> p.locations().stream()).sorted((a, b) -> a.path().compareTo(b.path())).toList());
        String centralSha1 = MavenCentral.publishedSha1("org.apache.logging.log4j", "log4j-core", "2.14.1");
        assertTrue(log4jCore.stream().allMatch(p -> centralSha1.equals(p.properties().get("sha1"))), log4jCore.toString());
        assertTrue(log4jCore.stream().allMatch(p -> p.purl().equals("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")), log4jCore.toString());
        assertEquals("2.9.10", named(inventory, "com.fasterxml.jackson.core:jackson-databind").get(0).version());

        Package stdlib = named(inventory, "stdlib").get(0);
        assertEquals("go version " + stdlib.properties().get("goVersion"), goVersionOf(SKOPEO));
        assertEquals(List.of(new Location(base.diffId(), "usr/bin/skopeo")), stdlib.locations());

        assertTrue(named(inventory, "packaging").isEmpty(), "the upper layer's whiteout deletes the dist-info");
    }

    private static List<Package> named(Inventory inventory, String name) {
        return inventory.packages().stream().filter(p -> p.name().equals(name)).toList();
    }

    /** `go version BINARY` prints "BINARY: goX.Y.Z"; the reference for the Go version compiled in. */
    private static String goVersionOf(Path binary) throws Exception {
        Process go = new ProcessBuilder("go", "version", binary.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = go.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertEquals(0, go.waitFor(), out);
        return "go version " + out.substring(out.indexOf(": ") + 2);
    }

    /** A Spring Boot layout: nested jars stored uncompressed under BOOT-INF/lib. */
    private static byte[] fatJar(byte[]... jars) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] names = {"log4j-core-2.14.1.jar", "jackson-databind-2.9.10.jar"};
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < jars.length; i++) {
                ZipEntry entry = new ZipEntry("BOOT-INF/lib/" + names[i]);
                CRC32 crc = new CRC32();
                crc.update(jars[i]);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(jars[i].length);
                entry.setCompressedSize(jars[i].length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(jars[i]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
