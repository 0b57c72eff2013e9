package io.portcullis.inventory.npm;

import io.portcullis.testing.JvmTempDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.layer.TestImage;
import io.portcullis.layer.TestImage.CountingLayer;
import io.portcullis.layer.TestLayerTar;
import io.portcullis.layer.TestLayerTar.Compression;
import io.portcullis.scan.BuiltInAnalyzers;
import io.portcullis.scan.InventoryScanner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo application's own package.json and its lockfile's root are the application component, listed once. */
class NpmApplicationComponentTest {

    private static final Path APP = Path.of("samples/demo-app");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void manifestAndLockfileRootAreOneApplicationComponent() throws Exception {
        JsonNode manifest = JSON.readTree(APP.resolve("package.json").toFile());
        Inventory inventory = scan(new TestLayerTar()
                .file("app/package.json", Files.readAllBytes(APP.resolve("package.json")))
                .file("app/package-lock.json", Files.readAllBytes(APP.resolve("package-lock.json"))));

        List<Package> application = applicationComponents(inventory);
        assertEquals(1, application.size(), application.toString());
        Package app = application.get(0);
        assertEquals(manifest.get("name").asText() + "@" + manifest.get("version").asText(), app.name() + "@" + app.version());
        assertEquals("app/package.json", app.locations().get(0).path());
        assertEquals(1, app.locations().size(), app.toString());
        assertEquals("pkg:npm/" + manifest.get("name").asText() + "@" + manifest.get("version").asText(), app.purl());
        manifest.get("dependencies").fields().forEachRemaining(dependency -> assertTrue(
                inventory.packages().stream().anyMatch(p -> p.name().equals(dependency.getKey())
                        && p.version().equals(dependency.getValue().asText())), dependency.getKey()));
    }

    @Test
    void aLockfileWithoutItsManifestStillNamesTheApplication() throws Exception {
        JsonNode lock = JSON.readTree(APP.resolve("package-lock.json").toFile());
        Inventory inventory = scan(new TestLayerTar()
                .file("srv/package-lock.json", Files.readAllBytes(APP.resolve("package-lock.json"))));

        List<Package> application = applicationComponents(inventory);
        assertEquals(1, application.size(), application.toString());
        assertEquals(lock.at("/packages//name").asText(), application.get(0).name());
        assertEquals(lock.at("/packages//version").asText(), application.get(0).version());
        assertEquals("srv/package-lock.json", application.get(0).locations().get(0).path());
    }

    @Test
    void aManifestInsideNodeModulesIsAnInstalledPackageNotTheApplication() throws Exception {
        byte[] manifest = "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Inventory inventory = scan(new TestLayerTar().file("app/node_modules/left-pad/package.json", manifest));
        assertEquals(List.of(), applicationComponents(inventory));
        assertEquals(1, inventory.packages().stream().filter(p -> p.name().equals("left-pad")).count());
    }

    private static Inventory scan(TestLayerTar layer) throws Exception {
        CountingLayer only = new CountingLayer(layer.build(Compression.GZIP));
        return new InventoryScanner(BuiltInAnalyzers.all(), LayerCache.disabled(), LayerLimits.DEFAULT, JvmTempDirectory.get())
                .scan(new TestImage("test/app:1", List.of(only)));
    }

    private static List<Package> applicationComponents(Inventory inventory) {
        return inventory.packages().stream()
                .filter(p -> "true".equals(p.properties().get(Package.APPLICATION))).toList();
    }
}
