package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small image that repeats one package at 1,200 paths lists the first 1,000 and says so, naming a file. */
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
}
