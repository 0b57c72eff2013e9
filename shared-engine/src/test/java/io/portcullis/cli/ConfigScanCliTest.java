package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.BuiltImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan --scan-type config} on images built with planted misconfigurations, and on a
 * clean image built the way the CIS benchmark asks. Expected ids come from what was planted.
 */
class ConfigScanCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** AWS's documented example secret key, planted in ENV; it must appear in no output. */
    private static final String PLANTED_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PLANTED_ARG_TOKEN = "ghp_pl4ntedBuildArgT0kenValue1234567890";

    @TempDir
    static Path dir;
    static Path badImage;
    static Path cleanImage;

    @BeforeAll
    static void buildImages() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("app.sh"), "#!/bin/sh\necho hello\n");

        BuiltImage bad = new BuiltImage(Files.createDirectories(dir.resolve("bad")));
        bad.settings().putArray("Env").add("PATH=/usr/bin:/bin").add("AWS_SECRET_ACCESS_KEY=" + PLANTED_SECRET);
        bad.settings().putObject("ExposedPorts").putObject("22/tcp");
        bad.settings().putObject("Labels").put("org.opencontainers.image.base.name", "docker.io/library/debian:latest");
        bad.layerStep("/bin/sh -c #(nop) ADD file:0a1b2c3d in / ", base)
                .metadataStep("/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=" + PLANTED_SECRET)
                .layerStep("|1 GITHUB_TOKEN=" + PLANTED_ARG_TOKEN + " /bin/sh -c apt-get update", app)
                .layerStep("/bin/sh -c apt-get install -y sudo", app)
                .layerStep("ADD http://example.com/tool.tar.gz /opt/ # buildkit", app)
                .metadataStep("/bin/sh -c #(nop)  EXPOSE 22");
        badImage = bad.save(dir.resolve("bad.tar"), "bad:1");

        BuiltImage clean = new BuiltImage(Files.createDirectories(dir.resolve("clean")));
        clean.settings().put("User", "10001:10001");
        clean.settings().putArray("Env").add("PATH=/usr/bin:/bin").add("DB_PASSWORD_FILE=/run/secrets/db");
        clean.settings().putObject("ExposedPorts").putObject("8080/tcp");
        clean.settings().putObject("Healthcheck").putArray("Test").add("CMD").add("/app.sh");
        clean.settings().putObject("Labels")
                .put("org.opencontainers.image.base.name", "docker.io/library/debian:12.5")
                .put("org.opencontainers.image.base.digest", "sha256:" + "a".repeat(64));
        clean.layerStep("/bin/sh -c #(nop) ADD file:0a1b2c3d in / ", base)
                .layerStep("RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates # buildkit", app)
                .layerStep("COPY app.sh /app.sh # buildkit", app)
                .metadataStep("HEALTHCHECK &{[\"CMD\" \"/app.sh\"]}")
                .metadataStep("USER 10001:10001");
        cleanImage = clean.save(dir.resolve("clean.tar"), "clean:1");
    }

    @Test
    void plantedMisconfigurationsAreReportedWithTheirCisControls() throws IOException {
        Path json = dir.resolve("bad-report.json");
        CliRun run = CliRun.of("scan", "--scan-type", "config", "--format", "json=" + json, "docker-archive:" + badImage);
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Set<String>> found = idsWithControls(MAPPER.readTree(json.toFile()));
        Map<String, Set<String>> planted = new TreeMap<>(Map.of(
                "PCC-4.1-ROOT-USER", Set.of("4.1"),
                "PCC-4.6-NO-HEALTHCHECK", Set.of("4.6"),
                "PCC-4.7-UPDATE-ALONE", Set.of("4.7"),
                "PCC-4.9-ADD-REMOTE", Set.of("4.9"),
                "PCC-4.10-SECRET-ENV", Set.of("4.10"),
                "PCC-4.10-SECRET-HISTORY", Set.of("4.10"),
                "PCC-UNPINNED-BASE", Set.of("-"),
                "PCC-SSH-PORT", Set.of("-"),
                "PCC-SUDO", Set.of("-")));
        assertEquals(planted, found);
        JsonNode history = checks(MAPPER.readTree(json.toFile()), "PCC-4.10-SECRET-HISTORY").get(0);
        assertEquals("history[2]", history.path("location").asText(), "the ARG step, not the ENV step already reported from config.Env");
        assertTrue(history.path("message").asText().contains("GITHUB_TOKEN=ghp_****"), history.toString());
        JsonNode add = checks(MAPPER.readTree(json.toFile()), "PCC-4.9-ADD-REMOTE").get(0);
        assertTrue(add.path("message").asText().contains("http://example.com/tool.tar.gz"), add.toString());
    }

    @Test
    void cleanImagePassesEveryCheck() throws IOException {
        Path json = dir.resolve("clean-report.json");
        CliRun run = CliRun.of("scan", "--scan-type", "config", "--fail-on", "LOW", "--format", "json=" + json, "docker-archive:" + cleanImage);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(), ids(MAPPER.readTree(json.toFile())));
    }

    @Test
    void configFindingsFailTheSeverityGateAndAnIgnoreEntryLiftsThem() throws IOException {
        CliRun failing = CliRun.of("scan", "--scan-type", "config", "--fail-on", "HIGH", "--format", "json", "docker-archive:" + badImage);
        assertEquals(1, failing.exitCode(), failing.toString());
        JsonNode rule = MAPPER.readTree(failing.stdout()).path("verdict").path("rules").get(0);
        assertEquals("fail_on", rule.path("rule").asText());
        assertEquals(Set.of("PCC-4.1-ROOT-USER at config.User", "PCC-4.10-SECRET-ENV at config.Env", "PCC-4.10-SECRET-HISTORY at history[2]"),
                new TreeSet<>(texts(rule.path("findings"))));

        Path ignore = dir.resolve("config.portcullisignore.yaml");
        Files.writeString(ignore, """
                ignore:
                  - id: PCC-4.1-ROOT-USER
                    statement: the entrypoint drops to an unprivileged user itself
                  - id: PCC-4.10-SECRET-ENV
                    statement: rotated test credential
                  - id: PCC-4.10-SECRET-HISTORY
                    statement: rotated test token
                """);
        CliRun lifted = CliRun.of("scan", "--scan-type", "config", "--fail-on", "HIGH", "--ignorefile", ignore.toString(),
                "--format", "json", "docker-archive:" + badImage);
        assertEquals(0, lifted.exitCode(), lifted.toString());
    }

    @Test
    void thePlantedSecretAppearsInNoReportFormatNorStream() throws IOException {
        Path out = Files.createDirectories(dir.resolve("formats"));
        List<String> args = new ArrayList<>(List.of("scan", "--scan-type", "config", "--fail-on", "HIGH"));
        for (String format : List.of("json", "sarif", "junit", "markdown", "html", "prometheus")) {
            args.add("--format");
            args.add(format + "=" + out.resolve("report." + format));
        }
        args.add("--audit-log");
        args.add(out.resolve("audit.jsonl").toString());
        args.add("docker-archive:" + badImage);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.toString());
        CliRun table = CliRun.of("scan", "--scan-type", "config", "docker-archive:" + badImage);
        List<String> texts = new ArrayList<>(List.of(run.stdout(), run.stderr(), table.stdout(), table.stderr()));
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                texts.add(Files.readString(f));
            }
        }
        assertEquals(11, texts.size());
        for (String text : texts) {
            assertFalse(text.contains(PLANTED_SECRET.substring(4)), "secret leaked:\n" + text);
            assertFalse(text.contains(PLANTED_ARG_TOKEN.substring(4)), "token leaked:\n" + text);
        }
        String sarif = Files.readString(out.resolve("report.sarif"));
        assertTrue(sarif.contains("\"ruleId\" : \"PCC-4.1-ROOT-USER\""), sarif);
        String junit = Files.readString(out.resolve("report.junit"));
        assertTrue(junit.contains("name=\"PCC-4.1-ROOT-USER at config.User\""), junit);
        assertTrue(Files.readString(out.resolve("report.markdown")).contains("| HIGH | PCC-4.1-ROOT-USER | 4.1 | config.User |"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<table id=\"checks\">"));
    }

    @Test
    void cisBenchmarkIsScoredFromThePlantedControls() throws IOException {
        Path policy = dir.resolve("cis-policy.yaml");
        Files.writeString(policy, "security_gates:\n  container_scan:\n    compliance: [cis_benchmark]\n");
        Path badMetrics = dir.resolve("bad.prom");
        CliRun bad = CliRun.of("scan", "--scan-type", "config", "--policy", policy.toString(), "--format", "json",
                "--format", "prometheus=" + badMetrics, "docker-archive:" + badImage);
        assertEquals(1, bad.exitCode(), bad.toString());
        JsonNode rule = MAPPER.readTree(bad.stdout()).path("verdict").path("rules").get(0);
        assertEquals("compliance.cis_benchmark", rule.path("rule").asText());
        assertEquals("FAILED", rule.path("status").asText());
        // planted: 4.1, 4.6, 4.7, 4.9 and 4.10 all violated, no setuid file (4.8 passes); 4.4 is manual without a vulnerability scan
        assertEquals("1/6", rule.path("actual").asText());
        assertTrue(rule.path("message").asText().contains("failed: 4.1, 4.6, 4.7, 4.9, 4.10"), rule.toString());
        assertTrue(rule.path("message").asText().contains("manual (not counted as passed): 4.2, 4.3, 4.4, 4.5, 4.11"), rule.toString());
        assertTrue(Files.readString(badMetrics).contains("container_compliance_score{image=\"docker-archive:" + badImage
                + "\",benchmark=\"cis_benchmark\"} 0.1667"), Files.readString(badMetrics));

        Path cleanMetrics = dir.resolve("clean.prom");
        CliRun clean = CliRun.of("scan", "--scan-type", "config", "--policy", policy.toString(), "--format", "json",
                "--format", "prometheus=" + cleanMetrics, "docker-archive:" + cleanImage);
        assertEquals(0, clean.exitCode(), clean.toString());
        JsonNode passed = MAPPER.readTree(clean.stdout()).path("verdict").path("rules").get(0);
        assertEquals("PASSED", passed.path("status").asText());
        assertEquals("6/6", passed.path("actual").asText());
        assertTrue(Files.readString(cleanMetrics).contains("benchmark=\"cis_benchmark\"} 1.0000"), Files.readString(cleanMetrics));
    }

    @Test
    void unknownScanTypeIsAUsageError() {
        CliRun run = CliRun.of("scan", "--scan-type", "everything", "docker-archive:" + cleanImage);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("unknown scan type 'everything' (known: vulnerability, sbom, config, secret, all)"), run.stderr());
    }

    private static List<JsonNode> checks(JsonNode report, String id) {
        List<JsonNode> result = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("id").asText().equals(id)) {
                result.add(c);
            }
        });
        return result;
    }

    private static Map<String, Set<String>> idsWithControls(JsonNode report) {
        Map<String, Set<String>> result = new TreeMap<>();
        report.path("checks").forEach(c -> result.computeIfAbsent(c.path("id").asText(), k -> new TreeSet<>())
                .add(c.path("cisControl").isNull() ? "-" : c.path("cisControl").asText()));
        return result;
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("checks").forEach(c -> ids.add(c.path("id").asText() + ": " + c.path("message").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
