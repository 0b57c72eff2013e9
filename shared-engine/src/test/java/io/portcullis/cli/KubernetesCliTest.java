package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.portcullis.report.JsonReport;
import io.portcullis.testing.AgentLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code portcullis k8s} end to end: the seed policy over real manifests, every report format, exit codes 0, 1 and 3. */
class KubernetesCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MANIFESTS = "shared-engine/src/test/resources/kubernetes/";
    private static final String SEED_POLICY = "shared-engine/src/test/resources/policy/seed-kubernetes.yaml";
    private static final String COMMAND = "##vso[task.setvariable variable=PWNED]yes";

    @TempDir
    Path dir;

    @Test
    void aCompliantManifestPassesTheSeedPolicy() {
        CliRun run = CliRun.of("k8s", "--policy", SEED_POLICY, "--ignorefile", none(), MANIFESTS + "restricted-deployment.yaml");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("| Verdict: PASS"), run.stdout());
    }

    @Test
    void violationsFailTheSeedPolicyAndFlowIntoEveryReport() throws Exception {
        Path json = dir.resolve("r.json");
        Path sarif = dir.resolve("r.sarif");
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("r.html");
        Path markdown = dir.resolve("r.md");
        CliRun run = CliRun.of("k8s", "--policy", SEED_POLICY, "--ignorefile", none(), "--format", "table",
                "--format", "json=" + json, "--format", "sarif=" + sarif, "--format", "junit=" + junit, "--format", "html=" + html,
                "--format", "markdown=" + markdown, MANIFESTS + "helm-rendered.yaml");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("FAILED kubernetes: 2 violation(s) of the security profile"), run.stdout());
        assertTrue(run.stdout().contains("FAILED critical_vulnerabilities: 1 critical finding(s), at most 0 allowed"), run.stdout());
        assertTrue(run.stdout().contains("PCK-PRIVILEGE-ESCALATION  " + MANIFESTS + "helm-rendered.yaml:38"), run.stdout());

        JsonNode report = MAPPER.readTree(json.toFile());
        assertEquals(Set.of(), schema().validate(report), "the JSON report validates against our schema");
        assertEquals(2, report.path("summary").path("checks").path("KUBERNETES").asInt());
        JsonNode registry = checkWithId(report, "PCK-REGISTRY");
        assertEquals(MANIFESTS + "helm-rendered.yaml", registry.path("manifest").path("file").asText());
        assertEquals(4, registry.path("manifest").path("document").asInt());
        assertEquals(58, registry.path("manifest").path("line").asInt());
        assertEquals("spec.containers[0].image", registry.path("manifest").path("field").asText());
        assertEquals("wget", registry.path("manifest").path("container").asText());
        assertEquals("CRITICAL", registry.path("severity").asText());

        JsonNode result = resultWithRule(MAPPER.readTree(sarif.toFile()), "PCK-REGISTRY");
        JsonNode physical = result.path("locations").get(0).path("physicalLocation");
        assertEquals(MANIFESTS + "helm-rendered.yaml", physical.path("artifactLocation").path("uri").asText());
        assertEquals(58, physical.path("region").path("startLine").asInt());

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        // failed rule cases: kubernetes, and critical_vulnerabilities (the CRITICAL registry finding counts like a CVE); two check cases
        assertEquals("4", xml.getDocumentElement().getAttribute("failures"));
        assertTrue(Files.readString(html).contains("PCK-REGISTRY"));
        assertTrue(Files.readString(markdown).contains("PCK-PRIVILEGE-ESCALATION"));
    }

    @Test
    void anIgnoreEntryForTheRuleAndFileSuppressesIt() throws IOException {
        Path ignore = dir.resolve(".portcullisignore.yaml");
        Files.writeString(ignore, """
                ignore:
                  - id: PCK-REGISTRY
                    paths: ["shared-engine/src/test/resources/kubernetes/helm-*.yaml"]
                    statement: the chart's test hook pulls busybox from Docker Hub on purpose
                  - id: PCK-PRIVILEGE-ESCALATION
                    statement: tracked in SHOP-12
                """);
        CliRun run = CliRun.of("k8s", "--policy", SEED_POLICY, "--ignorefile", ignore.toString(), MANIFESTS + "helm-rendered.yaml");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("| Verdict: PASS"), run.stdout());
    }

    @Test
    void withoutAPolicyFindingsAreReportedAndFailOnGates() {
        CliRun report = CliRun.of("k8s", "--ignorefile", none(), MANIFESTS + "one-violation-each.yaml");
        assertEquals(0, report.exitCode(), "no policy, no gate: " + report);
        assertTrue(report.stdout().contains("PCK-PRIVILEGED"), report.stdout());
        CliRun gated = CliRun.of("k8s", "--ignorefile", none(), "--fail-on", "CRITICAL", MANIFESTS + "one-violation-each.yaml");
        assertEquals(1, gated.exitCode(), gated.toString());
    }

    @Test
    void badInputIsOneLineAndExitThree() {
        CliRun malformed = CliRun.of("k8s", "--ignorefile", none(), MANIFESTS + "malformed-third-document.yaml");
        assertEquals(3, malformed.exitCode(), malformed.toString());
        assertEquals(1, malformed.stderr().strip().lines().count(), malformed.stderr());
        assertTrue(malformed.stderr().contains("malformed-third-document.yaml:14: invalid YAML in document 3"), malformed.stderr());
        CliRun missing = CliRun.of("k8s", "--ignorefile", none(), MANIFESTS + "no-such.yaml");
        assertEquals(3, missing.exitCode(), missing.toString());
        CliRun imageReport = CliRun.of("k8s", "--format", "prometheus", MANIFESTS + "restricted-deployment.yaml");
        assertEquals(2, imageReport.exitCode(), imageReport.toString());
    }

    @Test
    void unknownKindsAreAWarningNotAFailure() {
        CliRun run = CliRun.of("k8s", "--policy", SEED_POLICY, "--ignorefile", none(), MANIFESTS + "unknown-kind.yaml");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("kind Rollout (argoproj.io/v1alpha1) is not a kind Portcullis checks; skipped"), run.stderr());
    }

    @Test
    void hostileNamesFromAManifestAreNeutralisedInTableAndLog() throws IOException {
        Path manifest = dir.resolve("hostile.yaml");
        String name = "web\u001b[2J\r" + COMMAND + "\u202e";
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: %s
                      image: nginx
                ---
                kind: %s
                """.formatted(MAPPER.writeValueAsString(name), MAPPER.writeValueAsString("c" + COMMAND),
                MAPPER.writeValueAsString("Kind" + COMMAND)));
        CliRun run = CliRun.of("k8s", "--ignorefile", none(), manifest.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("PCK-PRIVILEGE-ESCALATION"), run.stdout());
        assertEquals(List.of(), AgentLog.commandLines(run.stdout()));
        assertEquals(List.of(), AgentLog.commandLines(run.stderr()));
        assertEquals(List.of(), AgentLog.rawControls(run.stdout()));
        assertEquals(List.of(), AgentLog.rawControls(run.stderr()));
        assertTrue(run.stdout().contains("web\\x1b[2J\\r##vso\\x5btask.setvariable"), run.stdout());
        assertTrue(run.stderr().contains("kind Kind##vso\\x5b"), run.stderr());
    }

    /** An ignore file with no entries, so the working directory's own ignore files are not read. */
    private String none() {
        Path empty = dir.resolve("empty.trivyignore");
        try {
            Files.writeString(empty, "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return empty.toString();
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    private static JsonNode checkWithId(JsonNode report, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id);
    }

    private static JsonNode resultWithRule(JsonNode sarif, String rule) {
        for (JsonNode result : sarif.path("runs").get(0).path("results")) {
            if (result.path("ruleId").asText().equals(rule)) {
                return result;
            }
        }
        throw new AssertionError("no result " + rule);
    }
}
