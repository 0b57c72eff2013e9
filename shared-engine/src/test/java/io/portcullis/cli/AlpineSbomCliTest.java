package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.image.TestImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis sbom} of the real alpine:3.11 {@code docker save}: both formats pass their
 * official schema, list exactly the packages of {@code lib/apk/db/installed} and carry the image's
 * config digest and diffID, all read from the archive here without the engine.
 */
class AlpineSbomCliTest {

    static final Path ARCHIVE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");

    private static List<String> installedNames;
    private static String configDigest;
    private static String diffId;

    @TempDir
    Path dir;

    @BeforeAll
    static void readArchive() throws IOException {
        Map<String, byte[]> entries;
        try (InputStream archive = new GZIPInputStream(Files.newInputStream(TestImages.alpineArchive()))) {
            entries = TestImages.readTarStream(archive);
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode manifest = mapper.readTree(entries.get("manifest.json")).get(0);
        byte[] config = entries.get(manifest.get("Config").asText());
        configDigest = "sha256:" + sha256(config);
        diffId = mapper.readTree(config).path("rootfs").path("diff_ids").get(0).asText();
        byte[] layer = entries.get(manifest.get("Layers").get(0).asText());
        assertEquals(diffId, "sha256:" + sha256(layer), "the archive's layer is its uncompressed diff");
        String installed = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().replaceFirst("^\\./", "").equals("lib/apk/db/installed")) {
                    installed = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(installed != null, "lib/apk/db/installed not in the alpine layer");
        installedNames = installed.lines().filter(line -> line.startsWith("P:")).map(line -> line.substring(2)).sorted().toList();
        assertTrue(installedNames.size() > 10, "alpine:3.11 installs more than ten packages: " + installedNames);
    }

    @Test
    void cycloneDxListsTheInstalledPackagesAndTheImageDigests() throws IOException {
        Path out = dir.resolve("alpine.cdx.json");
        CliRun run = CliRun.of("sbom", "docker-archive:" + ARCHIVE, "--no-cache", "-f", "cyclonedx-json", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "with -o nothing goes to standard output");

        JsonNode bom = SbomJson.validCycloneDx(out);
        List<String> names = SbomJson.cycloneDxComponents(bom, "apk").stream().map(c -> c.path("name").asText()).sorted().toList();
        assertEquals(installedNames, names);
        JsonNode image = bom.path("metadata").path("component");
        assertEquals(configDigest, SbomJson.property(image, "portcullis:image:configDigest").orElse(null), image::toString);
        assertEquals(diffId, SbomJson.property(image, "portcullis:image:layer:0:diffId").orElse(null), image::toString);
    }

    @Test
    void spdxListsTheInstalledPackagesAndTheImageDigests() throws IOException {
        Path out = dir.resolve("alpine.spdx.json");
        CliRun run = CliRun.of("sbom", "docker-archive:" + ARCHIVE, "--no-cache", "--format", "spdx-json", "--output", out.toString());
        assertEquals(0, run.exitCode(), run::toString);

        JsonNode document = SbomJson.validSpdx(out);
        List<String> names = SbomJson.spdxPackages(document, "apk").stream().map(p -> p.path("name").asText()).sorted().toList();
        assertEquals(installedNames, names);
        JsonNode image = null;
        for (JsonNode pkg : document.path("packages")) {
            if (pkg.path("primaryPackagePurpose").asText().equals("CONTAINER")) {
                image = pkg;
            }
        }
        assertTrue(image != null, "no CONTAINER package in the SPDX document");
        String comment = image.path("comment").asText();
        assertTrue(comment.contains("config " + configDigest), comment);
        assertTrue(comment.contains("diffID " + diffId), comment);
    }

    @Test
    void anExcludedAnalyzerFindsNothing() throws IOException {
        Path out = dir.resolve("no-apk.json");
        CliRun run = CliRun.of("sbom", "docker-archive:" + ARCHIVE, "--no-cache", "--exclude-analyzer", "apk,java-archive", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(), SbomJson.cycloneDxComponents(SbomJson.validCycloneDx(out), "apk"));
    }

    @Test
    void anUnknownAnalyzerIdIsAUsageError() {
        CliRun run = CliRun.of("sbom", "docker-archive:" + ARCHIVE, "--exclude-analyzer", "no-such-analyzer");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no-such-analyzer"), run.stderr());
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
