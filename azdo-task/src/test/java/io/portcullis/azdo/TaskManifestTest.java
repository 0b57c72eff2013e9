package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** task.json against the task schema, and vss-extension.json against task.json. */
class TaskManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TASK_DIR = Path.of("azdo-task/ContainerScanV0");

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> schemaErrors(JsonNode task) throws IOException {
        try (InputStream in = TaskManifestTest.class.getResourceAsStream("/task.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
            return schema.validate(task).stream().map(ValidationMessage::getMessage).toList();
        }
    }

    @Test
    void taskJsonIsValidAgainstTheTaskSchema() throws IOException {
        assertEquals(List.of(), schemaErrors(read(TASK_DIR.resolve("task.json"))));
    }

    @Test
    void theSchemaRejectsWhatTfxAndTheAgentReject() throws IOException {
        JsonNode task = read(TASK_DIR.resolve("task.json"));
        List<String> mutations = List.of("id", "name", "friendlyName", "handler", "pickList", "restricted");
        for (String mutation : mutations) {
            ObjectNode broken = task.deepCopy();
            switch (mutation) {
                case "id" -> broken.put("id", "not-a-guid");
                case "name" -> broken.put("name", "Container Scan");
                case "friendlyName" -> broken.put("friendlyName", "x".repeat(41));
                case "handler" -> ((ObjectNode) broken.get("execution")).putObject("Node16").put("target", "index.js");
                case "pickList" -> ((ObjectNode) broken.get("inputs").get(3)).remove("options");
                case "restricted" -> ((ObjectNode) broken.get("restrictions")).putObject("commands").put("mode", "restricted");
                default -> throw new AssertionError(mutation);
            }
            assertFalse(schemaErrors(broken).isEmpty(), "schema accepted a task.json with a bad " + mutation);
        }
    }

    @Test
    void handlersAreNode20_1AndNode24AndTheirTargetsExist() throws IOException {
        JsonNode execution = read(TASK_DIR.resolve("task.json")).get("execution");
        Set<String> handlers = new TreeSet<>();
        execution.fieldNames().forEachRemaining(handlers::add);
        assertEquals(Set.of("Node20_1", "Node24"), handlers);
        for (String handler : handlers) {
            assertTrue(Files.isRegularFile(TASK_DIR.resolve(execution.get(handler).get("target").asText())), handler);
        }
    }

    @Test
    void theIssuesInputsAreDeclaredWithHelp() throws IOException {
        JsonNode task = read(TASK_DIR.resolve("task.json"));
        List<String> names = new ArrayList<>();
        task.get("inputs").forEach(input -> names.add(input.get("name").asText()));
        assertEquals(List.of("imageName", "imageTarball", "dockerRegistryServiceConnection", "scanType", "severityThreshold",
                "failOnIssues", "ignoreUnfixed", "policyFile", "ignoreFile", "vexFiles", "signatureKeys", "sbom", "manifests", "platform", "insecureRegistries", "sbomFormats",
                "reportFormats", "publishTestResults", "dbSource", "mavenRepository", "prStatus"), names);
        assertEquals("connectedService:dockerregistry", task.get("inputs").get(2).get("type").asText());
        assertEquals("vulnerability", task.get("inputs").get(3).get("defaultValue").asText());
        assertEquals("true", task.get("inputs").get(5).get("defaultValue").asText());
    }

    @Test
    void onlyTheDeclaredOutputVariablesAreSettable() throws IOException {
        JsonNode task = read(TASK_DIR.resolve("task.json"));
        List<String> outputs = new ArrayList<>();
        task.get("outputVariables").forEach(v -> outputs.add(v.get("name").asText()));
        List<String> allowed = new ArrayList<>();
        task.get("restrictions").get("settableVariables").get("allowed").forEach(v -> allowed.add(v.asText()));
        assertEquals(outputs, allowed);
        assertEquals(List.copyOf(TaskOutputs.NAMES), outputs);
        assertFalse(task.get("restrictions").has("commands"));
    }

    @Test
    void theTabShowsOnlyOnBuildsThatRanThisTask() throws IOException {
        JsonNode task = read(TASK_DIR.resolve("task.json"));
        JsonNode extension = read(Path.of("azdo-task/vss-extension.json"));
        JsonNode tab = null;
        JsonNode taskContribution = null;
        for (JsonNode contribution : extension.get("contributions")) {
            if (contribution.get("type").asText().equals("ms.vss-build-web.build-results-tab")) {
                tab = contribution;
            } else if (contribution.get("type").asText().equals("ms.vss-distributed-task.task")) {
                taskContribution = contribution;
            }
        }
        assertEquals(JSON.createArrayNode().add(task.get("id").asText()), tab.get("properties").get("supportsTasks"));
        assertEquals("ContainerScanV0", taskContribution.get("properties").get("name").asText());
        assertEquals("ContainerScan", task.get("name").asText());
    }
}
