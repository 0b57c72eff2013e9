package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import io.portcullis.testing.JunitXsd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan} from the command line to the report files, in process through
 * {@link PortcullisCli#run}: the bundled demo image (real alpine:3.11, real log4j 2.14.1 jars, a real
 * {@code npm ci} of samples/demo-app) against a DB imported from the real OSV zips in ../shared.
 * What the findings must be is computed from the GHSA records ({@link ScanCommandGhsaReference}).
 */
class ScanCommandEndToEndTest {

    static final Path GHSA_ZIP = Path.of("../shared/data/osv/GHSA-sample.zip");
    static final Path ALPINE_ZIP = Path.of("../shared/data/osv/Alpine.zip");
    static final Path DEMO_IMAGE = Path.of("samples/portcullis-demo.docker-save.tar.gz");
    static final Path DEMO_LOCKFILE = Path.of("samples/demo-app/package-lock.json");
    static final Path SEED_POLICY = Path.of("samples/policy.yaml");
    static final String IMAGE = "docker-archive:" + DEMO_IMAGE;
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path db;
    static Path cache;
    static Map<String, ScanCommandGhsaReference.Expected> expected;

    /** The seed-policy scan with every format, run once and inspected by several tests. */
    static Run seedScan;
    static Path reports;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void importDbAndScanOnce() throws Exception {
        for (Path input : List.of(GHSA_ZIP, ALPINE_ZIP)) {
            assertTrue(Files.isRegularFile(input), "missing shared data " + input.toAbsolutePath() + " (see ../shared/data/README.md)");
        }
        assertTrue(Files.isRegularFile(DEMO_IMAGE), "missing " + DEMO_IMAGE.toAbsolutePath() + ": run samples/build-demo-image.sh");
        db = shared.resolve("db/portcullis.db");
        cache = shared.resolve("cache");
        Run imported = portcullis("db", "import", "--db", db.toString(), GHSA_ZIP.toString(), ALPINE_ZIP.toString());
        assertEquals(0, imported.exit(), imported.err());
        expected = ScanCommandGhsaReference.affected(GHSA_ZIP, installedApplicationPackages());

        reports = shared.resolve("reports");
        Files.createDirectories(reports);
        seedScan = scan("--policy", SEED_POLICY.toString(),
                "--format", "table",
                "--format", "json=" + reports.resolve("report.json"),
                "--format", "sarif=" + reports.resolve("report.sarif"),
                "--format", "junit=" + reports.resolve("junit.xml"),
                "--format", "html=" + reports.resolve("report.html"),
                "--format", "markdown=" + reports.resolve("report.md"),
                "--format", "cyclonedx=" + reports.resolve("vdr.cdx.json"),
                "--format", "cyclonedx-vex=" + reports.resolve("vex.cdx.json"),
                "--format", "prometheus=" + reports.resolve("metrics.prom"),
                "--audit-log", reports.resolve("audit.log").toString());
    }

    /** What the demo image holds besides Alpine: the two log4j jars the build script fetches and the lockfile's packages. */
    private static Map<String, Set<String>> installedApplicationPackages() throws IOException {
        Map<String, Set<String>> installed = new TreeMap<>();
        installed.put("Maven|org.apache.logging.log4j:log4j-core", Set.of("2.14.1"));
        installed.put("Maven|org.apache.logging.log4j:log4j-api", Set.of("2.14.1"));
        Iterator<Map.Entry<String, JsonNode>> entries = JSON.readTree(DEMO_LOCKFILE.toFile()).get("packages").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            if (key.contains("node_modules/")) {
                String name = key.substring(key.lastIndexOf("node_modules/") + "node_modules/".length());
                installed.computeIfAbsent("npm|" + name, k -> new TreeSet<>()).add(entry.getValue().get("version").asText());
            }
        }
        return installed;
    }

    @Test
    void findingsAreTheGhsaAdvisoriesThatAffectTheInstalledVersions() throws Exception {
        assertTrue(expected.containsKey("GHSA-jfh8-c2jp-5v3q org.apache.logging.log4j:log4j-core@2.14.1"), "Log4Shell: " + expected.keySet());
        assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith(" minimist@1.2.5")), expected.keySet().toString());
        assertTrue(expected.keySet().stream().anyMatch(k -> k.endsWith(" lodash@4.17.20")), expected.keySet().toString());
        Set<String> actual = new TreeSet<>();
        for (JsonNode finding : report().path("findings")) {
            String type = finding.path("package").path("type").asText();
            if (type.equals("maven") || type.equals("npm")) {
                String key = finding.path("id").asText() + " " + finding.path("package").path("name").asText() + "@"
                        + finding.path("package").path("version").asText();
                assertTrue(actual.add(key), "reported twice: " + key);
                assertEquals(expected.get(key) == null ? "(not expected)" : expected.get(key).severity(), finding.path("severity").asText(), key);
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), actual);
    }

    @Test
    void seedPolicyFailsOnTheCriticalLimitWithExitCodeOne() throws Exception {
        assertEquals(1, seedScan.exit(), seedScan.err());
        long critical = expected.values().stream().filter(e -> e.severity().equals("CRITICAL")).count();
        assertTrue(critical > 0);
        assertTrue(seedScan.out().contains("FAILED critical_vulnerabilities: " + critical + " critical finding(s), at most 0 allowed"), seedScan.out());
        JsonNode verdict = report().path("verdict");
        assertEquals("FAIL", verdict.path("outcome").asText());
        List<String> failed = new ArrayList<>();
        verdict.path("rules").forEach(r -> {
            if (r.path("status").asText().equals("FAILED")) {
                failed.add(r.path("rule").asText());
            }
        });
        long high = expected.values().stream().filter(e -> e.severity().equals("HIGH")).count();
        List<String> expectedFailures = new ArrayList<>(List.of("critical_vulnerabilities"));
        if (high > 3) {
            expectedFailures.add("high_vulnerabilities");
        }
        // PCI DSS: Log4Shell is fixable and years old (6.2), a docker-archive is neither pinned by digest nor signed (6.4).
        expectedFailures.add("compliance.pci_dss");
        // A docker-archive carries no cosign signature, and signing_required fails closed.
        expectedFailures.add("signing_required");
        assertEquals(expectedFailures, failed);
    }

    @Test
    void seedPolicyValidatesTheImagesOwnSbomsAgainstTheOfficialSchemas() throws Exception {
        JsonNode rule = null;
        for (JsonNode r : report().path("verdict").path("rules")) {
            if (r.path("rule").asText().equals("sbom_validation")) {
                rule = r;
            }
        }
        assertTrue(rule != null, "the seed's sbom_validation: required is a rule");
        assertEquals("PASSED", rule.path("status").asText(), rule.toString());
        assertEquals("required", rule.path("limit").asText());
        JsonNode documents = report().path("sbomValidation").path("documents");
        assertEquals(2, documents.size(), documents.toString());
        for (JsonNode document : documents) {
            assertTrue(document.path("valid").asBoolean(), document.toString());
            assertEquals(0, document.path("problemCount").asInt());
        }
        assertEquals(List.of("CycloneDX 1.6", "SPDX 2.3"), List.of(documents.get(0).path("format").asText(), documents.get(1).path("format").asText()));
    }

    @Test
    void everyRequestedReportExistsAndValidates() throws Exception {
        for (String file : List.of("report.json", "report.sarif", "junit.xml", "report.html", "report.md", "vdr.cdx.json", "vex.cdx.json", "metrics.prom")) {
            assertTrue(Files.size(reports.resolve(file)) > 0, file);
        }
        assertSchemaValid(report(), schema(ScanCommandEndToEndTest.class.getClassLoader().getResourceAsStream("io/portcullis/report/report-schema-1.json"),
                SpecVersion.VersionFlag.V202012));
        JsonNode sarif = JSON.readTree(reports.resolve("report.sarif").toFile());
        try (InputStream in = Files.newInputStream(Path.of("shared-engine/src/test/resources/schemas/sarif-schema-2.1.0.json"))) {
            assertSchemaValid(sarif, schema(in, SpecVersion.VersionFlag.V4));
        }
        assertEquals(expected.size(), sarif.path("runs").get(0).path("results").size() - countOther(sarif), "one SARIF result per finding");
        JunitXsd.validated(Files.readAllBytes(reports.resolve("junit.xml")));
        for (String cyclonedx : List.of("vdr.cdx.json", "vex.cdx.json")) {
            byte[] document = Files.readAllBytes(reports.resolve(cyclonedx));
            assertEquals(List.of(), new JsonParser().validate(document), cyclonedx);
        }
        Set<String> vdrIds = new TreeSet<>();
        JSON.readTree(reports.resolve("vdr.cdx.json").toFile()).path("vulnerabilities").forEach(v -> vdrIds.add(v.path("id").asText()));
        Set<String> expectedIds = expected.values().stream().map(ScanCommandGhsaReference.Expected::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ghsaIds = vdrIds.stream().filter(id -> id.startsWith("GHSA-")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedIds, ghsaIds);
    }

    /** CI collects reports as another user (a Jenkins controller, an upload step): they get the permissions any new file gets here. */
    @Test
    void reportFilesGetTheUsualPermissionsOfANewFile() throws Exception {
        Path plain = dir.resolve("plain");
        Files.newOutputStream(plain).close();
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);
        for (String file : List.of("report.json", "report.sarif", "junit.xml", "report.html", "report.md", "metrics.prom", "vdr.cdx.json")) {
            assertEquals(usual, Files.getPosixFilePermissions(reports.resolve(file)), file);
        }
    }

    /** SARIF results for findings that are not GHSA (the Alpine part), so the count compares like with like. */
    private static long countOther(JsonNode sarif) {
        long other = 0;
        for (JsonNode result : sarif.path("runs").get(0).path("results")) {
            if (!result.path("ruleId").asText().startsWith("GHSA-")) {
                other++;
            }
        }
        return other;
    }

    @Test
    void tableSummaryLineAndPrometheusGaugesEqualTheJsonCounts() throws Exception {
        JsonNode summary = report().path("summary");
        Matcher line = Pattern.compile("Total: (\\d+) \\(CRITICAL: (\\d+), HIGH: (\\d+), MEDIUM: (\\d+), LOW: (\\d+), UNKNOWN: (\\d+)\\)")
                .matcher(seedScan.out());
        assertTrue(line.find(), seedScan.out());
        Map<String, Integer> json = new LinkedHashMap<>();
        Map<String, Integer> table = new LinkedHashMap<>();
        for (int i = 0; i < SEVERITIES.size(); i++) {
            json.put(SEVERITIES.get(i), summary.path("open").path(SEVERITIES.get(i)).asInt(-1));
            table.put(SEVERITIES.get(i), Integer.parseInt(line.group(i + 2)));
        }
        assertEquals(json, table);
        assertEquals(summary.path("total").asInt(), Integer.parseInt(line.group(1)));
        assertEquals(report().path("findings").size(), summary.path("total").asInt());
        assertEquals(expected.values().stream().filter(e -> e.severity().equals("CRITICAL")).count(), json.get("CRITICAL").longValue());

        Map<String, Integer> gauges = new LinkedHashMap<>();
        Pattern sample = Pattern.compile("container_vulnerabilities_total\\{severity=\"(\\w+)\",image=\"([^\"]*)\",registry=\"([^\"]*)\"} (\\d+)");
        for (String text : Files.readAllLines(reports.resolve("metrics.prom"))) {
            Matcher m = sample.matcher(text);
            if (m.matches()) {
                assertEquals(IMAGE, m.group(2), text);
                assertEquals("", m.group(3), "a local archive has no registry: " + text);
                gauges.put(m.group(1).toUpperCase(java.util.Locale.ROOT), Integer.parseInt(m.group(4)));
            }
        }
        assertEquals(json, gauges);
    }

    @Test
    void auditLogHasOneLinePerScan() throws Exception {
        List<String> lines = Files.readAllLines(reports.resolve("audit.log"));
        assertEquals(1, lines.size(), lines.toString());
        JsonNode entry = JSON.readTree(lines.get(0));
        Instant.parse(entry.path("timestamp").asText());
        assertEquals("test-user", entry.path("user").asText());
        assertEquals("scan", entry.path("action").asText());
        assertEquals(IMAGE, entry.path("resource").asText());
        assertEquals("FAIL", entry.path("result").asText());
    }

    @Test
    void exitCodeOptionReplacesOneOnFailure() throws Exception {
        Run run = scan("--policy", SEED_POLICY.toString(), "--exit-code", "7", "--format", "json=" + dir.resolve("r.json"));
        assertEquals(7, run.exit(), run.err());
        assertEquals(7, JSON.readTree(dir.resolve("r.json").toFile()).path("verdict").path("exitCode").asInt());
    }

    /**
     * The seed policy with {@code signing_required: false} and without {@code pci_dss}: a docker-archive can carry
     * neither a cosign signature nor a digest pin (PCI DSS 6.4), so only the vulnerability gates are left to pass.
     */
    private Path seedPolicyWithoutSigning() throws IOException {
        String seed = Files.readString(SEED_POLICY);
        assertTrue(seed.contains("signing_required: true"), "the seed policy requires signatures");
        assertTrue(seed.contains("      - pci_dss\n"), "the seed policy requires PCI DSS");
        Path policy = dir.resolve("seed-without-signing.yaml");
        Files.writeString(policy, seed.replace("signing_required: true", "signing_required: false").replace("      - pci_dss\n", ""));
        return policy;
    }

    @Test
    void trivyignoreOfEveryCriticalAndHighIdPassesTheSeedPolicy() throws Exception {
        Path ignore = dir.resolve(".trivyignore");
        Files.write(ignore, criticalAndHighIds());
        Run run = scan("--policy", seedPolicyWithoutSigning().toString(), "--ignorefile", ignore.toString(), "--format", "json=" + dir.resolve("r.json"));
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode json = JSON.readTree(dir.resolve("r.json").toFile());
        assertEquals("PASS", json.path("verdict").path("outcome").asText());
        assertEquals(0, json.path("summary").path("open").path("CRITICAL").asInt());
        assertEquals(0, json.path("summary").path("open").path("HIGH").asInt());
        assertEquals(expected.values().stream().filter(e -> Set.of("CRITICAL", "HIGH").contains(e.severity())).count(),
                json.path("summary").path("suppressed").asLong());
    }

    @Test
    void openVexNotAffectedForEveryCriticalAndHighFindingPassesTheSeedPolicy() throws Exception {
        StringBuilder statements = new StringBuilder();
        for (ScanCommandGhsaReference.Expected e : expected.values()) {
            if (Set.of("CRITICAL", "HIGH").contains(e.severity())) {
                String[] nameVersion = e.pkg().split("@");
                String purl = nameVersion[0].contains(":")
                        ? "pkg:maven/" + nameVersion[0].replace(':', '/') + "@" + nameVersion[1]
                        : "pkg:npm/" + nameVersion[0] + "@" + nameVersion[1];
                statements.append(statements.isEmpty() ? "" : ",").append("""
                        {"vulnerability": {"name": "%s"}, "products": [{"@id": "%s"}], "status": "not_affected",
                         "justification": "vulnerable_code_not_in_execute_path"}""".formatted(e.id(), purl));
            }
        }
        Path vex = dir.resolve("demo.openvex.json");
        Files.writeString(vex, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/demo-1",
                 "author": "Portcullis tests", "timestamp": "2024-10-01T00:00:00Z", "version": 1,
                 "statements": [%s]}""".formatted(statements));
        Run run = scan("--policy", seedPolicyWithoutSigning().toString(), "--vex", vex.toString(), "--format", "json=" + dir.resolve("r.json"));
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode json = JSON.readTree(dir.resolve("r.json").toFile());
        for (JsonNode finding : json.path("findings")) {
            boolean criticalOrHigh = Set.of("CRITICAL", "HIGH").contains(finding.path("severity").asText());
            assertEquals(criticalOrHigh, finding.path("suppression").isObject(), finding.toString());
        }
    }

    @Test
    void severityFiltersTheTableButJsonKeepsEveryFinding() throws Exception {
        Run run = scan("--severity", "CRITICAL", "--format", "table", "--format", "json=" + dir.resolve("r.json"));
        List<String> rows = run.out().lines().filter(l -> l.matches("^(CRITICAL|HIGH|MEDIUM|LOW|UNKNOWN)\\s+\\S+.*")).toList();
        long critical = expected.values().stream().filter(e -> e.severity().equals("CRITICAL")).count();
        assertEquals(critical, rows.size(), run.out());
        assertTrue(rows.stream().allMatch(r -> r.startsWith("CRITICAL")), run.out());
        JsonNode findings = JSON.readTree(dir.resolve("r.json").toFile()).path("findings");
        assertEquals(report().path("findings").size(), findings.size(), "JSON keeps all");
        for (JsonNode finding : findings) {
            assertEquals(finding.path("severity").asText().equals("CRITICAL"), finding.path("shown").asBoolean(), finding.toString());
        }
    }

    @Test
    void unknownPolicyKeyIsAnInputErrorNamingFileAndLineAndLeavesNoReport() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(SEED_POLICY).replace("high_vulnerabilities: 3", "hihg_vulnerabilities: 3"));
        int line = Files.readAllLines(policy).indexOf("    hihg_vulnerabilities: 3") + 1;
        assertTrue(line > 0);
        Run run = scan("--policy", policy.toString(), "--format", "json=" + dir.resolve("r.json"), "--format", "sarif=" + dir.resolve("r.sarif"));
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains(policy + ":" + line + ":"), run.err());
        assertTrue(run.err().contains("hihg_vulnerabilities"), run.err());
        assertNoFilesIn(dir, "policy.yaml");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = portcullis("scan", IMAGE, "--db", db.toString(), "--no-such-option");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--no-such-option"), run.err());
    }

    @Test
    void badFormatSeverityOrFailOnValuesAreUsageErrors() throws Exception {
        for (List<String> bad : List.of(List.of("--format", "xml=" + dir.resolve("r.xml")), List.of("--severity", "CRITICAL,SEVERE"),
                List.of("--fail-on", "HIGHEST"))) {
            List<String> options = new ArrayList<>(bad);
            options.addAll(List.of("--format", "json=" + dir.resolve("r.json")));
            Run run = scan(options.toArray(String[]::new));
            assertEquals(2, run.exit(), bad + ": " + run.err());
            assertTrue(run.err().contains(bad.get(1).replaceFirst("=.*", "").replace("CRITICAL,", "")), run.err());
            assertNoFilesIn(dir);
        }
    }

    @Test
    void twoFormatsOnStandardOutputAreAUsageError() throws Exception {
        Run run = scan("--format", "table", "--format", "json", "--format", "sarif=" + dir.resolve("r.sarif"));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("only one --format can go to standard output"), run.err());
        assertEquals("", run.out());
        assertNoFilesIn(dir);
    }

    @Test
    void reportPathThatCannotBeWrittenIsAnInputErrorBeforeAnyReportIsWritten() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("report.json"));
        Run run = scan("--format", "sarif=" + dir.resolve("r.sarif"), "--format", "json=" + directory);
        assertEquals(3, run.exit(), run.err());
        assertEquals("portcullis: cannot write report " + directory + ": it is a directory", run.err().strip());
        assertNoFilesIn(dir, "report.json");
    }

    @Test
    void missingDbIsAnInputErrorAndLeavesNoReport() throws Exception {
        Path missing = dir.resolve("none.db");
        Run run = portcullis("scan", IMAGE, "--db", missing.toString(), "--cache-dir", cache.toString(),
                "--format", "json=" + dir.resolve("r.json"), "--audit-log", dir.resolve("audit.log").toString());
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains(missing.toString()), run.err());
        assertNoFilesIn(dir);
    }

    @Test
    void imageThatDoesNotExistIsAnInputErrorAndLeavesNoReport() throws Exception {
        Path absent = dir.resolve("absent.tar");
        Run run = portcullis("scan", "docker-archive:" + absent, "--db", db.toString(), "--cache-dir", cache.toString(),
                "--format", "json=" + dir.resolve("r.json"), "--format", "html=" + dir.resolve("r.html"));
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains(absent.toString()), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertNoFilesIn(dir);
    }

    private List<String> criticalAndHighIds() {
        return expected.values().stream().filter(e -> Set.of("CRITICAL", "HIGH").contains(e.severity()))
                .map(ScanCommandGhsaReference.Expected::id).distinct().sorted().toList();
    }

    private static void assertNoFilesIn(Path directory, String... allowed) throws IOException {
        try (var files = Files.list(directory)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !List.of(allowed).contains(n)).toList();
            assertEquals(List.of(), names, "nothing written on an input error");
        }
    }

    private static JsonNode report() throws IOException {
        return JSON.readTree(reports.resolve("report.json").toFile());
    }

    private static JsonSchema schema(InputStream in, SpecVersion.VersionFlag version) throws IOException {
        try (in) {
            return JsonSchemaFactory.getInstance(version).getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    private static void assertSchemaValid(JsonNode document, JsonSchema schema) {
        Set<ValidationMessage> errors = schema.validate(document);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** A scan of the demo image with the class's DB and layer cache, no ignore file from the working directory. */
    private static Run scan(String... options) {
        List<String> args = new ArrayList<>(List.of("scan", IMAGE, "--db", db.toString(), "--cache-dir", cache.toString()));
        args.addAll(List.of(options));
        return portcullis(args.toArray(String[]::new));
    }

    /** Runs the CLI in this JVM on streams of its own. */
    private static Run portcullis(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }
}
