package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.Platform;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The real alpine:3.11 image from {@code docker save}, read with a minimal test-side apk reader
 * into the inventory the engine would produce: one package per {@code P:} stanza of
 * {@code lib/apk/db/installed}, located at that file in the image's only layer.
 */
record AlpineImage(ImageMetadata metadata, Inventory inventory, String installedDb) {

    static final Path ARCHIVE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");
    static final String INSTALLED_DB = "lib/apk/db/installed";

    static AlpineImage load() throws IOException {
        if (!Files.isRegularFile(ARCHIVE)) {
            fail("shared fixture missing: " + ARCHIVE.toAbsolutePath() + " (the ../shared link must point at the shared data)");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(ARCHIVE)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), tar.readAllBytes());
                }
            }
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
        Map<String, String> osRelease = osRelease(new String(layerFiles.get("etc/os-release"), StandardCharsets.UTF_8));
        OperatingSystem os = new OperatingSystem(osRelease.get("ID"), osRelease.get("VERSION_ID"), null, osRelease.get("PRETTY_NAME"));
        String installed = new String(layerFiles.get(INSTALLED_DB), StandardCharsets.UTF_8);

        ImageMetadata metadata = new ImageMetadata("docker.io/library/alpine:3.11", null, "sha256:" + sha256(configBytes),
                new Platform(config.get("os").asText(), config.get("architecture").asText(), null),
                diffIds, diffIds, tags);
        List<Package> packages = apkPackages(installed, new Location(layerDiffId, INSTALLED_DB), os);
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

    private static Map<String, String> osRelease(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).replace("\"", ""));
            }
        }
        return values;
    }

    /** Stanzas are separated by blank lines; each line is a one-letter key, ':', a value. */
    private static List<Package> apkPackages(String installed, Location location, OperatingSystem os) {
        List<Package> packages = new ArrayList<>();
        for (String stanza : installed.split("\n\n")) {
            Map<Character, String> fields = new HashMap<>();
            for (String line : stanza.split("\n")) {
                if (line.length() > 2 && line.charAt(1) == ':') {
                    fields.putIfAbsent(line.charAt(0), line.substring(2));
                }
            }
            if (!fields.containsKey('P')) {
                continue;
            }
            String name = fields.get('P');
            String version = fields.get('V');
            String arch = fields.get('A');
            String license = fields.get('L');
            packages.add(new Package("apk", name, version, arch, new SourcePackage(fields.get('o'), version),
                    apkPurl(name, version, arch, os), List.of(location), "test-apk-reader",
                    license == null ? List.of() : List.of(license), Map.of()));
        }
        return packages;
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
