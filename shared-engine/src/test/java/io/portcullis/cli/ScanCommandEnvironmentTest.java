package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan} in its own JVM, where the environment decides: {@code PORTCULLIS_DB} names the
 * DB when {@code --db} is absent and {@code PORTCULLIS_CACHE_DIR} holds the layer cache; {@code HOME}
 * points into a temp dir so nothing of the real user's is read or written.
 */
class ScanCommandEnvironmentTest {

    @TempDir
    static Path shared;
    static Path db;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void importDb() throws Exception {
        db = shared.resolve("db/portcullis.db");
        Run imported = portcullis(Map.of("HOME", shared.toString()), shared, "db", "import", "--db", db.toString(),
                ScanCommandEndToEndTest.GHSA_ZIP.toAbsolutePath().toString(), ScanCommandEndToEndTest.ALPINE_ZIP.toAbsolutePath().toString());
        assertEquals(0, imported.exit(), imported.err());
    }

    @Test
    void dbAndLayerCacheComeFromTheEnvironment() throws Exception {
        Path cacheDir = dir.resolve("cache");
        Path json = dir.resolve("report.json");
        Run run = portcullis(Map.of("HOME", dir.toString(), "PORTCULLIS_DB", db.toString(), "PORTCULLIS_CACHE_DIR", cacheDir.toString()), dir,
                "scan", demoImage(), "--policy", ScanCommandEndToEndTest.SEED_POLICY.toAbsolutePath().toString(), "--format", "json=" + json);
        assertEquals(1, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> ids = new ArrayList<>();
        report.path("findings").forEach(f -> ids.add(f.path("id").asText()));
        assertTrue(ids.contains("GHSA-jfh8-c2jp-5v3q"), ids.toString());
        try (var layers = Files.list(cacheDir.resolve("layers"))) {
            assertTrue(layers.findAny().isPresent(), "layer analyses cached under $PORTCULLIS_CACHE_DIR/layers");
        }
        assertTrue(Files.notExists(dir.resolve(".cache")), "nothing written under HOME when the environment names the places");
    }

    @Test
    void dbNamedByTheEnvironmentThatDoesNotExistIsAnInputErrorNamingIt() throws Exception {
        Path missing = dir.resolve("nowhere/portcullis.db");
        Run run = portcullis(Map.of("HOME", dir.toString(), "PORTCULLIS_DB", missing.toString(), "PORTCULLIS_CACHE_DIR", dir.resolve("cache").toString()),
                dir, "scan", demoImage(), "--format", "json=" + dir.resolve("report.json"));
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains(missing.toString()), run.err());
        assertTrue(Files.notExists(dir.resolve("report.json")));
    }

    private static String demoImage() {
        return "docker-archive:" + ScanCommandEndToEndTest.DEMO_IMAGE.toAbsolutePath();
    }

    private static Run portcullis(Map<String, String> environment, Path workingDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().remove("PORTCULLIS_DB");
        builder.environment().remove("PORTCULLIS_CACHE_DIR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "portcullis finished");
        return new Run(process.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
