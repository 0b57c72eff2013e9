package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.dpkg.DpkgFileListAnalyzer;
import io.portcullis.inventory.dpkg.DpkgStatusAnalyzer;
import io.portcullis.inventory.java.JavaArchiveAnalyzer;
import io.portcullis.inventory.os.OsReleaseAnalyzer;
import io.portcullis.inventory.python.PythonMetadataAnalyzer;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.TestImage;
import io.portcullis.layer.TestImage.CountingLayer;
import io.portcullis.layer.TestLayerTar;
import io.portcullis.layer.TestLayerTar.Compression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer built from this Debian machine's own files: its dpkg status and every info/*.list, the
 * Python distributions Debian installed in /usr/lib/python3/dist-packages, the jars in
 * /usr/share/java, and one pip-style distribution in /usr/local that no Debian package owns.
 * Which application packages are OS-owned, and by which package, is what {@code dpkg -S} says.
 */
class OsOwnershipTest {

    private static final Path DPKG = Path.of("/var/lib/dpkg");
    private static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");
    private static final Path SHARE_JAVA = Path.of("/usr/share/java");
    private static final String PIP_METADATA = "usr/local/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA";
    /** "owner[, owner...]: /path" as dpkg -S prints it; diversion lines have no such form. */
    private static final Pattern DPKG_S_LINE = Pattern.compile("^([^/:][^:]*(?::[a-z0-9]+)?(?:, [^:]+(?::[a-z0-9]+)?)*): (/.+)$");
    private static final List<Analyzer> ANALYZERS = List.of(new OsReleaseAnalyzer(), new DpkgStatusAnalyzer(),
            new DpkgFileListAnalyzer(), new PythonMetadataAnalyzer(), new JavaArchiveAnalyzer());

    private static byte[] layer;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void buildLayerFromThisMachine() throws IOException {
        assertTrue(Files.isRegularFile(DPKG.resolve("info/python3-packaging.list")) && Files.isRegularFile(SHARE_JAVA.resolve("commons-cli.jar")),
                "this test reads the machine's own Debian files; python3-packaging and libcommons-cli-java (in .ci/install-deps) must be installed");
        TestLayerTar tar = new TestLayerTar()
                .file("etc/os-release", Files.readAllBytes(Path.of("/etc/os-release")))
                .file("var/lib/dpkg/status", Files.readAllBytes(DPKG.resolve("status")));
        try (Stream<Path> lists = Files.list(DPKG.resolve("info"))) {
            for (Path list : lists.filter(f -> f.getFileName().toString().endsWith(".list")).sorted().toList()) {
                tar.file("var/lib/dpkg/info/" + list.getFileName(), Files.readAllBytes(list));
            }
        }
        try (Stream<Path> entries = Files.list(DIST_PACKAGES)) {
            for (Path entry : entries.filter(e -> e.getFileName().toString().matches(".*\\.(dist|egg)-info")).sorted().toList()) {
                addTree(tar, entry);
            }
        }
        try (Stream<Path> jars = Files.list(SHARE_JAVA)) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                addTree(tar, jar);
            }
        }
        tar.file(PIP_METADATA, "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\n"
                + "License: Apache 2.0\n\n");
        layer = tar.build(Compression.GZIP);
    }

    /** Regular files as files, symbolic links as links (the walker never follows them), directories recursed. */
    private static void addTree(TestLayerTar tar, Path path) throws IOException {
        String name = path.toString().substring(1);
        if (Files.isSymbolicLink(path)) {
            tar.symlink(name, Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.sorted().toList()) {
                    addTree(tar, child);
                }
            }
        } else if (Files.isRegularFile(path)) {
            tar.file(name, Files.readAllBytes(path));
        }
    }

    private static TestImage image() {
        return new TestImage("localhost/this-machine:bookworm", List.of(new CountingLayer(layer)));
    }

    @Test
    void applicationPackagesInDebianFilesAreMarkedWithTheOwnerDpkgNames() throws Exception {
        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image());

        List<Package> applications = inventory.packages().stream().filter(p -> !p.type().equals("deb")).toList();
        Map<String, String> owners = dpkgS(applications.stream().flatMap(p -> p.locations().stream()).map(Location::path).toList());
        assertFalse(owners.containsKey(PIP_METADATA), "dpkg -S must not know " + PIP_METADATA);

        for (Package pkg : applications) {
            List<String> locationOwners = pkg.locations().stream().map(l -> owners.get(l.path())).toList();
            String expected = locationOwners.contains(null) ? null : String.join(",", new TreeSet<>(locationOwners));
            assertEquals(expected, pkg.properties().get(Package.OS_OWNED), pkg.type() + " " + pkg.name() + " at " + pkg.locations());
        }

        Package packaging = single(inventory, "pypi", "packaging");
        assertEquals("python3-packaging", packaging.properties().get(Package.OS_OWNED));
        assertEquals("libcommons-cli-java", single(inventory, "maven", "commons-cli:commons-cli").properties().get(Package.OS_OWNED));
        Package requests = single(inventory, "pypi", "requests");
        assertNull(requests.properties().get(Package.OS_OWNED), "pip's own install in /usr/local is the application's");
        assertEquals("pkg:pypi/requests@2.31.0", requests.purl());

        List<Package> debs = inventory.packages().stream().filter(p -> p.type().equals("deb")).toList();
        assertTrue(debs.stream().anyMatch(p -> p.name().equals("python3-packaging")));
        assertTrue(debs.stream().noneMatch(p -> p.properties().containsKey(Package.OS_OWNED)), "OS packages are never marked");
    }

    /** Owned paths travel through the layer cache's JSON: a warm scan, which never opens the layer, marks the same packages. */
    @Test
    void marksSurviveTheLayerCache() {
        Inventory cold = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image());
        TestImage again = image();
        Inventory warm = new InventoryScanner(ANALYZERS, LayerCache.at(cacheDir), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(again);

        assertEquals(0, again.totalOpens());
        assertEquals(cold, warm);
        assertEquals("python3-packaging", single(warm, "pypi", "packaging").properties().get(Package.OS_OWNED));
    }

    /** An upper layer that deletes the Debian file list leaves no database claiming the files: the package is the application's again. */
    @Test
    void onlyTheSurvivingFileListsCount() {
        CountingLayer upper = new CountingLayer(new TestLayerTar()
                .file("var/lib/dpkg/info/.wh.python3-packaging.list", "")
                .build(Compression.PLAIN));
        TestImage image = new TestImage("localhost/this-machine:deleted-list", List.of(new CountingLayer(layer), upper));

        Inventory inventory = new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image);

        assertNull(single(inventory, "pypi", "packaging").properties().get(Package.OS_OWNED));
        assertEquals("libcommons-cli-java", single(inventory, "maven", "commons-cli:commons-cli").properties().get(Package.OS_OWNED));
    }

    /** pip installing the same version into /usr/local gives a second copy that is the application's: one unowned location unmarks the package. */
    @Test
    void aCopyOutsideTheOsPackageIsNotOsOwned() throws IOException {
        String debian = "usr/lib/python3/dist-packages/packaging-23.0.dist-info/METADATA";
        String pip = "usr/local/lib/python3.11/site-packages/packaging-23.0.dist-info/METADATA";
        CountingLayer upper = new CountingLayer(new TestLayerTar()
                .file(pip, Files.readAllBytes(Path.of("/" + debian)))
                .build(Compression.PLAIN));
        TestImage image = new TestImage("localhost/this-machine:pip-copy", List.of(new CountingLayer(layer), upper));

        Package packaging = single(new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image), "pypi", "packaging");

        assertEquals(List.of(debian, pip), packaging.locations().stream().map(Location::path).toList());
        assertNull(packaging.properties().get(Package.OS_OWNED));
    }

    /**
     * A jar nested in a war: the war's path (the location before "!/") decides. Here a dpkg list
     * names the war, and Debian's own copy of the same jar is owned by libcommons-cli-java, so the
     * one package at both locations names both owners.
     */
    @Test
    void aNestedArchiveIsOwnedThroughItsOutermostFile() throws Exception {
        byte[] commonsCli = Files.readAllBytes(SHARE_JAVA.resolve("commons-cli.jar"));
        ByteArrayOutputStream war = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(war)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/lib/commons-cli-1.5.0.jar"));
            zip.write(commonsCli);
            zip.closeEntry();
        }
        CountingLayer upper = new CountingLayer(new TestLayerTar()
                .file("var/lib/dpkg/info/myapp.list", "/.\n/opt\n/opt/myapp\n/opt/myapp/app.war\n")
                .file("opt/myapp/app.war", war.toByteArray())
                .build(Compression.PLAIN));
        TestImage image = new TestImage("localhost/this-machine:war", List.of(new CountingLayer(layer), upper));

        Package cli = single(new InventoryScanner(ANALYZERS, LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get()).scan(image),
                "maven", "commons-cli:commons-cli");

        assertEquals(List.of("opt/myapp/app.war!/WEB-INF/lib/commons-cli-1.5.0.jar", "usr/share/java/commons-cli.jar"),
                cli.locations().stream().map(Location::path).toList());
        assertEquals(dpkgS(List.of("usr/share/java/commons-cli.jar")).get("usr/share/java/commons-cli.jar") + ",myapp",
                cli.properties().get(Package.OS_OWNED));
    }

    private static Package single(Inventory inventory, String type, String name) {
        List<Package> found = inventory.packages().stream().filter(p -> p.type().equals(type) && p.name().equals(name)).toList();
        assertEquals(1, found.size(), type + " " + name + ": " + found);
        return found.get(0);
    }

    /** Path (root-relative) to its owners as dpkg -S names them, multi-arch qualifier dropped; unowned paths are absent. */
    private static Map<String, String> dpkgS(List<String> paths) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg", "-S"));
        paths.forEach(p -> command.add("/" + p));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertTrue(exit == 0 || exit == 1, "dpkg -S failed with " + exit);
        Map<String, String> owners = new HashMap<>();
        for (String line : out.lines().toList()) {
            Matcher m = DPKG_S_LINE.matcher(line);
            if (m.matches()) {
                String names = Stream.of(m.group(1).split(", ")).map(n -> n.replaceFirst(":.*", ""))
                        .collect(Collectors.toCollection(TreeSet::new)).iterator().next();
                owners.put(m.group(2).substring(1), names);
            }
        }
        return owners;
    }
}
