package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small images that fan out: one package repeated at 1,200 paths lists the first 1,000 and says so, naming a file;
 * a layer of many jars each holding a few nested jars stops opening nested archives at the per-layer cap.
 */
class AmplificationCliTest {

    @TempDir
    Path dir;

    @Test
    void locationsPerPackageAreCapped() throws Exception {
        HandMadeImages.LayerTar layer = new HandMadeImages.LayerTar();
        for (int i = 0; i < 1200; i++) {
            layer.file(String.format("app%04d/node_modules/left-pad/package.json", i), "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}");
        }
        Path image = HandMadeImages.dockerArchive(dir.resolve("copies.tar"), layer.bytes(), true);

        CliRun run = CliRun.of("sbom", "docker-archive:" + image);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("portcullis: warning: app1000/node_modules/left-pad/package.json: left-pad 1.3.0 found at more than 1000 places;"
                + " only the first 1000 are listed"), run.stderr());
        JsonNode bom = new ObjectMapper().readTree(run.stdout());
        List<JsonNode> leftPad = new ArrayList<>();
        bom.path("components").forEach(c -> {
            if (c.path("name").asText().equals("left-pad")) {
                leftPad.add(c);
            }
        });
        assertEquals(1, leftPad.size());
        assertEquals(1000, leftPad.get(0).path("evidence").path("occurrences").size());
    }

    private static final int OUTER_JARS = 30;
    private static final int NESTED_PER_JAR = 4;

    /** 30 jars of 4 nested jars: 120 nested archives, far below the per-file cap, over a per-layer cap of 50. */
    @Test
    void nestedArchivesPerLayerAreCapped() throws Exception {
        HandMadeImages.LayerTar layer = new HandMadeImages.LayerTar();
        for (int i = 0; i < OUTER_JARS; i++) {
            Map<String, byte[]> entries = new TreeMap<>();
            entries.put("META-INF/maven/g/outer-" + i + "/pom.properties", pom("outer-" + i));
            for (int k = 0; k < NESTED_PER_JAR; k++) {
                entries.put("lib/inner-" + k + ".jar", zip(Map.of("META-INF/maven/g/inner-" + i + "-" + k + "/pom.properties", pom("inner-" + i + "-" + k))));
            }
            layer.file(String.format("app/lib/outer-%02d.jar", i), zip(entries));
        }
        byte[] layerBytes = layer.bytes();
        Path image = HandMadeImages.dockerArchive(dir.resolve("fan-out.tar"), layerBytes, true);
        String diffId = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layerBytes));

        CliRun capped = CliRun.of("sbom", "docker-archive:" + image, "--no-cache", "--max-nested-archives-per-layer", "50");

        assertEquals(0, capped.exitCode(), capped.toString());
        // Jars are read in tar order and nested jars in entry order: jars 0-11 open 48, jar 12 opens two more.
        assertTrue(capped.stderr().contains("portcullis: warning: layer " + diffId + ": app/lib/outer-12.jar!/lib/inner-2.jar: more than 50"
                + " nested archives in this layer; no further nested archive in the layer is read"), capped.stderr());
        assertEquals(1, capped.stderr().lines().filter(line -> line.contains("nested archives in this layer")).count(), capped.stderr());
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < OUTER_JARS; i++) {
            expected.add("outer-" + i);
        }
        for (int opened = 0; opened < 50; opened++) {
            expected.add("inner-" + opened / NESTED_PER_JAR + "-" + opened % NESTED_PER_JAR);
        }
        assertEquals(expected, mavenNames(capped.stdout()));

        CliRun uncapped = CliRun.of("sbom", "docker-archive:" + image, "--no-cache");
        assertEquals(0, uncapped.exitCode(), uncapped.toString());
        assertEquals(OUTER_JARS * (1 + NESTED_PER_JAR), mavenNames(uncapped.stdout()).size());
        assertFalse(uncapped.stderr().contains("nested archives in this layer"), uncapped.stderr());
    }

    @Test
    void aNestedArchiveCapBelowOneIsAUsageError() {
        CliRun run = CliRun.of("sbom", "rootfs:" + dir, "--max-nested-archives-per-layer", "0");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("count out of range: 0 (at least 1)"), run.stderr());
    }

    private static Set<String> mavenNames(String cycloneDx) throws IOException {
        Set<String> names = new TreeSet<>();
        new ObjectMapper().readTree(cycloneDx).path("components").forEach(c -> {
            if (c.path("purl").asText().startsWith("pkg:maven/")) {
                names.add(c.path("name").asText());
            }
        });
        return names;
    }

    private static byte[] pom(String artifact) {
        return ("groupId=g\nartifactId=" + artifact + "\nversion=1\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
