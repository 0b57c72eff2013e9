package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.PlantedManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scan --manifest}: Kubernetes manifests checked together with the image, in one report and one gate, as the
 * Jenkins step and the Azure DevOps task do with their {@code manifests} input.
 */
class ScanManifestsCliTest {

    private static final String IMAGE = "docker-archive:samples/portcullis-demo.docker-save.tar.gz";

    @TempDir
    Path dir;

    @Test
    void aViolatingManifestFailsTheImageScansGateNamingTheField() throws IOException {
        CliRun run = scan(PlantedManifests.deployment(true));
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode report = report();
        List<JsonNode> kubernetes = checks(report, "KUBERNETES");
        assertEquals(List.of("PCK-PRIVILEGE-ESCALATION"), kubernetes.stream().map(c -> c.path("id").asText()).toList());
        JsonNode finding = kubernetes.get(0);
        assertEquals(PlantedManifests.ESCALATION_LINE, finding.path("line").asInt());
        assertEquals(PlantedManifests.ESCALATION_FIELD, finding.path("manifest").path("field").asText());
        assertEquals("FAILED", ruleStatus(report, "kubernetes"));
        // The image's own configuration checks are in the same report: the demo image sets no USER.
        assertTrue(checks(report, "CONFIG").stream().anyMatch(c -> c.path("id").asText().equals("PCC-4.1-ROOT-USER")), report::toString);
    }

    @Test
    void aCompliantManifestPassesTheKubernetesRule() throws IOException {
        CliRun run = scan(PlantedManifests.deployment(false));
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode report = report();
        assertEquals(List.of(), checks(report, "KUBERNETES"));
        assertEquals("PASSED", ruleStatus(report, "kubernetes"));
    }

    @Test
    void aMissingManifestIsAnInputError() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), PlantedManifests.KUBERNETES_ONLY_POLICY);
        CliRun run = CliRun.of("scan", IMAGE, "--scan-type", "config", "--no-cache", "--policy", dir.resolve("policy.yaml").toString(),
                "--manifest", dir.resolve("absent.yaml").toString(), "--format", "json=" + dir.resolve("report.json"));
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("absent.yaml"), run.stderr());
        assertTrue(Files.notExists(dir.resolve("report.json")), "no report for a scan that did not run");
    }

    private CliRun scan(String deployment) throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(manifests.resolve("web.yaml"), deployment);
        Files.writeString(dir.resolve("policy.yaml"), PlantedManifests.KUBERNETES_ONLY_POLICY);
        return CliRun.of("scan", IMAGE, "--scan-type", "config", "--no-cache", "--policy", dir.resolve("policy.yaml").toString(),
                "--manifest", manifests.toString(), "--format", "json=" + dir.resolve("report.json"));
    }

    private JsonNode report() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    private static List<JsonNode> checks(JsonNode report, String kind) {
        return StreamSupport.stream(report.path("checks").spliterator(), false).filter(c -> c.path("kind").asText().equals(kind)).toList();
    }

    private static String ruleStatus(JsonNode report, String rule) {
        return StreamSupport.stream(report.path("verdict").path("rules").spliterator(), false)
                .filter(r -> r.path("rule").asText().equals(rule)).findFirst().orElseThrow().path("status").asText();
    }
}
