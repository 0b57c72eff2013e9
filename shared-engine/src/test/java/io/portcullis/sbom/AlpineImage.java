package io.portcullis.sbom;

import io.portcullis.testing.JvmTempDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.portcullis.image.TestImages;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.Platform;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.apk.ApkInstalledAnalyzer;
import io.portcullis.inventory.os.OsReleaseAnalyzer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real alpine:3.11 image from {@code docker save}, read into the inventory the engine would
 * produce: the real os-release and apk analyzers over the image's only layer, then layer and purl
 * assigned as the layer merge does. The raw installed database is kept so tests can derive
 * expected values from the file itself rather than from the analyzer.
 */
record AlpineImage(ImageMetadata metadata, Inventory inventory, String installedDb) {

    static final String INSTALLED_DB = "lib/apk/db/installed";

    static AlpineImage load() throws IOException {
        Map<String, byte[]> entries;
        try (InputStream archive = new GZIPInputStream(Files.newInputStream(TestImages.alpineArchive()))) {
            entries = TestImages.readTarStream(archive);
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode manifest = mapper.readTree(entries.get("manifest.json")).get(0);
        byte[] configBytes = entries.get(manifest.get("Config").asText());
        JsonNode config = mapper.readTree(configBytes);
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(id -> diffIds.add(id.asText()));
        List<String> tags = new ArrayList<>();
        manifest.get("RepoTags").forEach(tag -> tags.add(tag.asText()));

        Map<String, byte[]> layerFiles = filesOf(entries.get(manifest.get("Layers").get(0).asText()));
        String layerDiffId = diffIds.get(0);
        OperatingSystem os = analyze(new OsReleaseAnalyzer(), "etc/os-release", layerFiles).os();
        FileAnalysis apk = analyze(new ApkInstalledAnalyzer(), INSTALLED_DB, layerFiles);
        if (!apk.warnings().isEmpty()) {
            fail("the real apk database should read cleanly: " + apk.warnings());
        }
        String installed = new String(layerFiles.get(INSTALLED_DB), StandardCharsets.UTF_8);

        ImageMetadata metadata = new ImageMetadata("docker.io/library/alpine:3.11", null, "sha256:" + sha256(configBytes),
                new Platform(config.get("os").asText(), config.get("architecture").asText(), null),
                diffIds, diffIds, tags);
        // What the layer merge does after analysis: the location gets its layer, the package its purl.
        List<Package> packages = apk.packages().stream()
                .map(pkg -> pkg.withLocations(List.of(new Location(layerDiffId, INSTALLED_DB)))
                        .withPurl(apkPurl(pkg.name(), pkg.version(), pkg.arch(), os)))
                .toList();
        return new AlpineImage(metadata, new Inventory(os, packages, List.of()), installed);
    }

    private static Map<String, byte[]> filesOf(byte[] layerTar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(layerTar))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && (entry.getName().equals(INSTALLED_DB) || entry.getName().equals("etc/os-release"))) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    private static FileAnalysis analyze(Analyzer analyzer, String path, Map<String, byte[]> files) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            fail(path + " is not in the alpine:3.11 layer");
        }
        return analyzer.analyze(new AnalyzedFile(path, content.length, new ByteArrayInputStream(content), JvmTempDirectory.get()));
    }

    static String apkPurl(String name, String version, String arch, OperatingSystem os) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        qualifiers.put("arch", arch);
        qualifiers.put("distro", os.id() + "-" + os.versionId());
        try {
            return new PackageURL("apk", "alpine", name, version, qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = AlpineImage.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            fail("class-path resource missing: " + name);
        }
        return in;
    }
}
