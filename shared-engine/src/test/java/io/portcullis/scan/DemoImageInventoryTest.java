package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.inventory.Package;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled demo image ships {@code /app/package-lock.json} together with the {@code node_modules}
 * that {@code npm ci} installed from it: each npm package is inventoried once, at its installed
 * {@code package.json}, not a second time from the lockfile. Expected: the lockfile's own entries.
 */
class DemoImageInventoryTest {

    static final Path DEMO_IMAGE = Path.of("samples/portcullis-demo.docker-save.tar.gz");
    static final Path DEMO_LOCKFILE = Path.of("samples/demo-app/package-lock.json");

    @Test
    void npmPackagesInstalledFromTheLockfileAreInventoriedOnceAtTheirInstalledPath() throws Exception {
        assertTrue(Files.isRegularFile(DEMO_IMAGE), "missing " + DEMO_IMAGE.toAbsolutePath() + ": run samples/build-demo-image.sh");
        Map<String, String> expected = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = new ObjectMapper().readTree(DEMO_LOCKFILE.toFile()).get("packages").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().startsWith("node_modules/")) {
                String name = entry.getKey().substring("node_modules/".length());
                expected.put(name + "@" + entry.getValue().get("version").asText(), "app/node_modules/" + name + "/package.json");
            }
        }
        assertTrue(expected.containsKey("minimist@1.2.5"), "the demo app pins minimist 1.2.5: " + expected);
        // The application itself, from its own package.json (the lockfile's root names the same).
        JsonNode root = new ObjectMapper().readTree(DEMO_LOCKFILE.toFile()).at("/packages/");
        expected.put(root.get("name").asText() + "@" + root.get("version").asText(), "app/package.json");

        ScanRequest request = new ScanRequest("docker-archive:" + DEMO_IMAGE, ImageSourceOptions.defaults(), BuiltInAnalyzers.all(),
                LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get());
        Map<String, String> actual = new TreeMap<>();
        for (Package pkg : ImageScanner.create().inventory(request).inventory().packages()) {
            if (pkg.type().equals("npm")) {
                assertEquals(1, pkg.locations().size(), pkg.toString());
                String previous = actual.put(pkg.name() + "@" + pkg.version(), pkg.locations().get(0).path());
                assertEquals(null, previous, "inventoried twice: " + pkg.name() + "@" + pkg.version());
            }
        }
        assertEquals(expected, actual);
    }
}
