package io.portcullis.layer;

import io.portcullis.testing.JvmTempDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.OperatingSystem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walker over the real alpine:3.11 layer, checked against GNU tar's listing and extraction. */
public class AlpineLayerTest {

    static final Path DOCKER_SAVE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");
    private static final Pattern TAR_TV_LINE = Pattern.compile("^(\\S)\\S*\\s+\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+(.*)$");

    @TempDir
    static Path work;
    static Path layerTar;
    static String diffId;

    @BeforeAll
    static void extractLayerBlob() throws IOException {
        layerTar = work.resolve("layer.tar");
        diffId = extractFirstLayer(work, layerTar);
    }

    /**
     * Reads the docker-save archive's manifest.json and config, copies the first layer blob out to
     * {@code dir} and returns the layer's diffID as the image config states it.
     */
    public static String extractFirstLayer(Path dir, Path layer) throws IOException {
        assertTrue(Files.isRegularFile(DOCKER_SAVE), "missing shared fixture " + DOCKER_SAVE.toAbsolutePath() + " (see ../shared/fixtures/SOURCES.md)");
        Map<String, byte[]> jsonFiles = new HashMap<>();
        // Two passes keep this independent of entry order: manifest.json may come after the blobs.
        try (TarArchiveInputStream tar = dockerSave()) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().endsWith(".json")) {
                    jsonFiles.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        assertTrue(jsonFiles.containsKey("manifest.json"), "no manifest.json in " + DOCKER_SAVE);
        JsonNode manifest = json.readTree(jsonFiles.get("manifest.json")).get(0);
        String layerName = manifest.get("Layers").get(0).asText();
        JsonNode config = json.readTree(jsonFiles.get(manifest.get("Config").asText()));
        try (TarArchiveInputStream tar = dockerSave()) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(layerName)) {
                    Files.copy(tar, layer);
                }
            }
        }
        assertTrue(Files.isRegularFile(layer), "layer " + layerName + " not found in " + DOCKER_SAVE);
        return config.get("rootfs").get("diff_ids").get(0).asText();
    }

    private static TarArchiveInputStream dockerSave() throws IOException {
        return new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(DOCKER_SAVE))));
    }

    @Test
    void seesExactlyTheRegularFilesAndLinksGnuTarLists() throws Exception {
        Map<String, String> regular = new TreeMap<>();
        Map<String, String> links = new TreeMap<>();
        for (String line : run("tar", "-tvf", layerTar.toString())) {
            Matcher m = TAR_TV_LINE.matcher(line);
            assertTrue(m.matches(), "unexpected tar -tv line: " + line);
            String name = m.group(2);
            switch (m.group(1)) {
                case "-" -> regular.put(LayerPaths.normalise(name), "");
                case "l" -> links.put(LayerPaths.normalise(name.substring(0, name.indexOf(" -> "))), name.substring(name.indexOf(" -> ") + 4));
                case "h" -> links.put(LayerPaths.normalise(name.substring(0, name.indexOf(" link to "))),
                        LayerPaths.normalise(name.substring(name.indexOf(" link to ") + 9)));
                case "d" -> { }
                default -> throw new AssertionError("entry type not expected in this layer: " + line);
            }
        }
        assertTrue(regular.size() > 50, "the alpine minirootfs has dozens of files, tar listed " + regular.size());
        assertFalse(links.isEmpty(), "busybox applets are symlinks");

        RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);
        LayerAnalysis analysis;
        try (InputStream in = Files.newInputStream(layerTar)) {
            analysis = new LayerWalker(List.of(everything), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(in, "alpine", null);
        }

        assertEquals(regular.keySet(), analysis.files().keySet());
        assertEquals(links, analysis.links());
        assertEquals(Set.of(), analysis.whiteouts());
    }

    @Test
    void handsAnalyzersTheBytesGnuTarExtracts() throws Exception {
        Path root = Files.createDirectories(work.resolve("rootfs"));
        run("tar", "-xf", layerTar.toString(), "-C", root.toString());
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    expected.put(root.relativize(file).toString(), sha256(file));
                }
            }
        }
        Path gzipped = work.resolve("layer.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(layerTar, out);
        }

        for (Path blob : List.of(layerTar, gzipped)) {
            RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);
            try (InputStream in = Files.newInputStream(blob)) {
                // The real config's diffID holds for the plain and the gzipped blob alike.
                new LayerWalker(List.of(everything), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(in, "alpine", diffId);
            }
            assertEquals(expected, new TreeMap<>(everything.sha256ByPath()), "content read from " + blob.getFileName());
        }
    }

    @Test
    void findsTheOsReleaseTarPrints() throws Exception {
        List<String> osRelease = run("tar", "-xOf", layerTar.toString(), "etc/os-release");
        String versionId = osRelease.stream().filter(l -> l.startsWith("VERSION_ID=")).findFirst().orElseThrow().substring(11);
        LayerAnalysis analysis;
        try (InputStream in = Files.newInputStream(layerTar)) {
            analysis = new LayerWalker(List.of(new OsReleaseTestAnalyzer()), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(in, "alpine", null);
        }
        OperatingSystem os = analysis.files().get("etc/os-release").get("test-os-release").os();
        assertEquals("alpine", os.id());
        assertEquals(versionId, os.versionId());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    public static List<String> run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("reference tool '" + command[0] + "' is not installed", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + text);
        return text.lines().toList();
    }
}
