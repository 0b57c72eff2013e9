package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .vsix tfx-cli built, opened entry by entry. */
class VsixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TAB_PAGE = Path.of("azdo-task/tab/dist/results-tab.html");

    private static JsonNode json(ZipFile vsix, String entry) throws IOException {
        ZipEntry found = vsix.getEntry(entry);
        assertNotNull(found, entry + " is not in the vsix");
        return JSON.readTree(vsix.getInputStream(found));
    }

    private static ZipFile open() throws IOException {
        return new ZipFile(System.getProperty("portcullis.vsix"));
    }

    @Test
    void theManifestDescribesTheExtensionAndItsTaskContribution() throws IOException {
        try (ZipFile vsix = open()) {
            String vsixManifest = new String(vsix.getInputStream(vsix.getEntry("extension.vsixmanifest")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(vsixManifest.contains("Id=\"portcullis-container-scan\""), vsixManifest);
            assertTrue(vsixManifest.contains("Publisher=\"portcullis\""), vsixManifest);
            assertTrue(vsixManifest.contains("Microsoft.VisualStudio.Services"), vsixManifest);
            JsonNode manifest = json(vsix, "extension.vsomanifest");
            JsonNode task = json(vsix, "ContainerScanV0/task.json");
            assertEquals(JSON.readTree(Files.readString(Path.of("azdo-task/ContainerScanV0/task.json"))), task);
            List<String> types = new ArrayList<>();
            manifest.get("contributions").forEach(c -> types.add(c.get("type").asText()));
            assertTrue(types.contains("ms.vss-distributed-task.task"), types.toString());
        }
    }

    @Test
    void theTaskFolderHoldsTheEntryItsNodeModulesAndTheRunnerJar() throws IOException {
        try (ZipFile vsix = open()) {
            for (String entry : List.of("ContainerScanV0/index.js", "ContainerScanV0/package.json",
                    "ContainerScanV0/node_modules/azure-pipelines-task-lib/task.js",
                    "ContainerScanV0/node_modules/azure-pipelines-task-lib/package.json",
                    "ContainerScanV0/runner/portcullis-azdo-runner.jar", "ContainerScanV0/icon.png", "images/icon.png")) {
                assertNotNull(vsix.getEntry(entry), entry + " is not in the vsix");
            }
            assertEquals(Files.size(Path.of(System.getProperty("portcullis.runnerJar"))),
                    vsix.getEntry("ContainerScanV0/runner/portcullis-azdo-runner.jar").getSize());
            assertTrue(vsix.stream().noneMatch(e -> e.getName().contains("/node_modules/tfx-cli/")), "build tools were packaged");
            assertTrue(vsix.stream().noneMatch(e -> e.getName().contains("/node_modules/.bin/")), "npm's .bin links were packaged");
        }
    }

    /** The tab is built on its own branch; when its page exists, it must be packaged and wired to this task only. */
    @Test
    void theTabWhenBuiltIsPackagedAndShowsOnlyForThisTask() throws IOException {
        try (ZipFile vsix = open()) {
            JsonNode manifest = json(vsix, "extension.vsomanifest");
            JsonNode tab = null;
            for (JsonNode contribution : manifest.get("contributions")) {
                if (contribution.get("type").asText().equals("ms.vss-build-web.build-results-tab")) {
                    tab = contribution;
                }
            }
            if (!Files.isRegularFile(TAB_PAGE)) {
                assertEquals(null, tab, "the manifest names a tab whose page was not built");
                assertFalse(vsix.stream().anyMatch(e -> e.getName().startsWith("tab/")));
                return;
            }
            assertNotNull(tab, "the tab page was built but not contributed");
            assertEquals("tab/results-tab.html", tab.get("properties").get("uri").asText());
            assertNotNull(vsix.getEntry("tab/results-tab.html"));
            JsonNode task = json(vsix, "ContainerScanV0/task.json");
            assertEquals(JSON.createArrayNode().add(task.get("id").asText()), tab.get("properties").get("supportsTasks"));
        }
    }
}
