package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan --sbom FILE} and {@code sbom_validation} on the bundled demo image (real alpine:3.11, log4j
 * 2.14.1 and the npm app of samples/demo-app): SBOMs made by {@code portcullis sbom}, then edited here. What must be
 * missing comes from the edit and from the app's committed package-lock.json, never from a scan's output.
 */
class SbomValidationCliTest {

    static final String IMAGE = "docker-archive:samples/portcullis-demo.docker-save.tar.gz";
    static final Path LOCKFILE = Path.of("samples/demo-app/package-lock.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path cycloneDx;
    static Path spdx;
    static Path required;
    static String lodashVersion;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeSboms() throws IOException {
        cycloneDx = shared.resolve("demo.cdx.json");
        spdx = shared.resolve("demo.spdx.json");
        for (String[] sbom : List.of(new String[] {"cyclonedx-json", cycloneDx.toString()}, new String[] {"spdx-json", spdx.toString()})) {
            CliRun run = CliRun.of("sbom", IMAGE, "--no-cache", "-f", sbom[0], "-o", sbom[1]);
            assertEquals(0, run.exitCode(), run::toString);
        }
        required = Files.writeString(shared.resolve("required.yaml"), "security_gates:\n  container_scan:\n    sbom_validation: required\n");
        lodashVersion = JSON.readTree(LOCKFILE.toFile()).path("packages").path("node_modules/lodash").path("version").asText();
        assertFalse(lodashVersion.isEmpty(), "the demo app pins lodash");
    }

    @Test
    void ourOwnSbomPassesWithTheGeneratedOnesUnderTheRequiredPolicy() throws IOException {
        Path report = dir.resolve("report.json");
        CliRun run = scan("--policy", required.toString(), "--sbom", cycloneDx.toString(), "--format", "json=" + report);
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = JSON.readTree(report.toFile());
        JsonNode rule = onlyRule(json);
        assertEquals("PASSED", rule.path("status").asText(), rule::toString);
        JsonNode documents = json.path("sbomValidation").path("documents");
        assertEquals(List.of("generated CycloneDX", "generated SPDX", cycloneDx.toString()), texts(documents, "document"));
        assertEquals(List.of("CycloneDX 1.6", "SPDX 2.3", "CycloneDX 1.6"), texts(documents, "format"));
        JsonNode supplied = documents.get(2);
        assertTrue(supplied.path("componentsChecked").asBoolean());
        assertEquals(0, supplied.path("missingCount").asInt(), supplied::toString);
        assertEquals(json.path("scan").path("packageCount").asInt(), supplied.path("imagePackages").asInt(),
                "each package of the demo is found once");
    }

    @Test
    void anSbomWithoutLodashFailsTheGateNamingIt() throws IOException {
        ObjectNode bom = (ObjectNode) JSON.readTree(cycloneDx.toFile());
        ArrayNode components = (ArrayNode) bom.get("components");
        int removed = 0;
        for (int i = components.size() - 1; i >= 0; i--) {
            if (components.get(i).path("name").asText().equals("lodash")) {
                components.remove(i);
                removed++;
            }
        }
        assertEquals(1, removed, "the demo's SBOM lists lodash once");
        Path edited = Files.write(dir.resolve("no-lodash.cdx.json"), JSON.writeValueAsBytes(bom));
        Path report = dir.resolve("report.json");

        // No policy: --sbom alone gates as required
        CliRun run = scan("--sbom", edited.toString(), "--format", "table", "--format", "json=" + report);
        assertEquals(1, run.exitCode(), run::toString);
        String missing = "lodash " + lodashVersion + " (pkg:npm/lodash@" + lodashVersion + ")";
        assertTrue(run.stdout().contains("FAILED sbom_validation: " + edited + " (CycloneDX 1.6): 1 of "), run.stdout());
        assertTrue(run.stdout().contains("image package(s) missing: " + missing), run.stdout());
        JsonNode supplied = JSON.readTree(report.toFile()).path("sbomValidation").path("documents");
        assertEquals(1, supplied.size(), "without sbom_validation in a policy only the supplied SBOM is validated");
        assertEquals(List.of(missing), texts(supplied.get(0).path("missing")));
        assertEquals(0, supplied.get(0).path("problemCount").asInt());
    }

    @Test
    void aSchemaInvalidSpdxFailsWithThePointerAndOptionalOnlyWarns() throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(spdx.toFile());
        ((ObjectNode) document.get("packages").get(0)).put("name", 5);
        Path edited = Files.write(dir.resolve("bad-name.spdx.json"), JSON.writeValueAsBytes(document));
        Path report = dir.resolve("report.json");

        CliRun run = scan("--policy", required.toString(), "--sbom", edited.toString(), "--format", "json=" + report);
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals("FAILED", onlyRule(json).path("status").asText());
        JsonNode supplied = json.path("sbomValidation").path("documents").get(2);
        assertEquals("SPDX 2.3", supplied.path("format").asText());
        assertEquals("/packages/0/name", supplied.path("problems").get(0).path("pointer").asText(), supplied::toString);
        assertTrue(onlyRule(json).path("message").asText().contains("first /packages/0/name: "), onlyRule(json)::toString);

        Path optional = Files.writeString(dir.resolve("optional.yaml"), "security_gates:\n  container_scan:\n    sbom_validation: optional\n");
        CliRun lenient = scan("--policy", optional.toString(), "--sbom", edited.toString(), "--format", "json=" + report);
        assertEquals(0, lenient.exitCode(), lenient::toString);
        JsonNode verdict = JSON.readTree(report.toFile()).path("verdict");
        assertEquals(0, verdict.path("rules").size(), verdict::toString);
        assertTrue(texts(verdict.path("warnings")).stream().anyMatch(w -> w.startsWith("sbom_validation (optional, not gating): ")
                && w.contains("/packages/0/name")), verdict::toString);
    }

    @Test
    void aFileThatIsNoSbomIsAnInputErrorBeforeTheScan() throws IOException {
        Path report = dir.resolve("report.json");
        for (String content : List.of("{\"hello\": \"world\"}", "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>")) {
            Path file = Files.writeString(dir.resolve("not-an-sbom.json"), content);
            CliRun run = scan("--sbom", file.toString(), "--format", "json=" + report);
            assertEquals(3, run.exitCode(), run::toString);
            List<String> lines = run.stderr().lines().filter(line -> line.contains(file.toString())).toList();
            assertEquals(1, lines.size(), run.stderr());
            assertTrue(lines.get(0).contains(content.startsWith("<") ? "not JSON (XML? " : "not an SBOM Portcullis knows"), lines.get(0));
            assertFalse(Files.exists(report), "nothing is written for a bad input");
        }
        CliRun absent = scan("--sbom", dir.resolve("absent.json").toString());
        assertEquals(3, absent.exitCode(), absent::toString);
        assertTrue(absent.stderr().contains(dir.resolve("absent.json") + ": cannot read: "), absent.stderr());
    }

    /** A configuration scan: no vulnerability DB needed, and no gate but the SBOM's under these policies. */
    private static CliRun scan(String... options) {
        List<String> args = new ArrayList<>(List.of("scan", IMAGE, "--no-cache", "--scan-type", "config"));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode onlyRule(JsonNode report) {
        JsonNode rules = report.path("verdict").path("rules");
        assertEquals(1, rules.size(), rules::toString);
        assertEquals("sbom_validation", rules.get(0).path("rule").asText());
        return rules.get(0);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
