package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.CosignSignatures.KeyPair;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.RealRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan} judging PCI DSS 4.0 on a real image: the demo image (real alpine:3.11 and log4j-core 2.14.1)
 * copied into an OCI layout with skopeo, signed with an openssl key, pushed to a real registry, matched against the
 * real GHSA records. Expected results come from those facts: Log4Shell was published on 2021-12-10 and is fixed in
 * 2.15.0 (6.2 fails past any grace period shorter than its age), the image is signed (6.4 passes only when it is
 * also named by digest), an audit log is written only when asked (10.2).
 */
class PciDssCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final Path GHSA_ZIP = Path.of("../shared/data/osv/GHSA-sample.zip");
    private static final String LOG4SHELL = "GHSA-jfh8-c2jp-5v3q";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    @TempDir
    static Path dir;
    static KeyPair release;
    static String digest;
    static Path db;

    @BeforeAll
    static void plant() throws IOException {
        Path tarball = dir.resolve("demo.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("samples/portcullis-demo.docker-save.tar.gz")))) {
            Files.copy(in, tarball);
        }
        Path layout = dir.resolve("layout");
        ExternalCommand.run(TOOL_TIMEOUT, "skopeo", "copy", "--quiet", "docker-archive:" + tarball, "oci:" + layout + ":demo");
        digest = CosignSignatures.taggedDigest(layout, "demo");
        release = CosignSignatures.ecdsaP256(dir, "release");
        String tag = CosignSignatures.signatureTag(digest);
        CosignSignatures.addSignatureTag(layout, tag, List.of(CosignSignatures.sign(release,
                CosignSignatures.payload(digest, REGISTRY.hostPort() + "/team/demo", CosignSignatures.COSIGN_TYPE), dir)));
        REGISTRY.push(layout, "demo", "team/demo:1.0", false);
        REGISTRY.push(layout, tag, "team/demo:" + tag, false);
        db = dir.resolve("db/portcullis.db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(), GHSA_ZIP.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
    }

    @Test
    void theSeedsPolicyJudgesEveryPciControlOfASignedImageNamedByDigest() throws IOException {
        Path out = Files.createDirectories(dir.resolve("seed"));
        CliRun run = scan(Path.of("shared-engine/src/test/resources/policy/seed-compliance-requirements.yaml"),
                REGISTRY.hostPort() + "/team/demo@" + digest, out, "--scan-type", "all", "--signature-key", release.publicKey().toString(),
                "--audit-log", out.resolve("audit.log").toString());
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(out.resolve("report.json").toFile());
        JsonNode pci = benchmark(report, "pci_dss");
        assertEquals(List.of("6.2=FAIL", "6.4=PASS", "10.2=PASS"), statuses(pci));
        JsonNode patches = pci.path("controls").get(0);
        assertTrue(patches.path("findings").toString().contains(LOG4SHELL + " in org.apache.logging.log4j:log4j-core 2.14.1"), patches.toString());
        assertTrue(patches.path("evidence").toString().contains("published " + publishedDate(LOG4SHELL)), patches.toString());
        assertTrue(pci.path("controls").get(1).path("evidence").get(0).asText().contains("@" + digest), pci.toString());
        assertEquals(2 / 3.0, pci.path("score").asDouble(), 1e-9);
        // The seed chose CIS 4.1 to 4.4: only those are judged.
        List<String> cisControls = new ArrayList<>();
        benchmark(report, "cis_benchmark").path("controls").forEach(c -> cisControls.add(c.path("id").asText()));
        assertEquals(List.of("4.1", "4.2", "4.3", "4.4"), cisControls);
        for (JsonNode rule : report.path("verdict").path("rules")) {
            if (rule.path("rule").asText().startsWith("compliance.")) {
                assertEquals("FAILED", rule.path("status").asText(), rule.toString());
            }
        }
        assertTrue(Files.readString(out.resolve("metrics.prom")).contains("container_compliance_score{image=\"" + REGISTRY.hostPort()
                + "/team/demo@" + digest + "\",benchmark=\"pci_dss\"} 0.6667\n"), Files.readString(out.resolve("metrics.prom")));
        JsonNode audit = MAPPER.readTree(Files.readAllLines(out.resolve("audit.log")).get(0));
        assertEquals("test-user", audit.path("user").asText());
        assertEquals("FAIL", audit.path("result").asText());
    }

    @Test
    void byTagWithoutKeyOrAuditLogOnlyPatchesCanPass() throws IOException {
        Path out = Files.createDirectories(dir.resolve("by-tag"));
        // A grace period longer than Log4Shell's age lets 6.2 pass.
        Path policy = Files.writeString(dir.resolve("lenient.yaml"),
                "security_gates:\n  container_scan:\n    compliance: [pci_dss]\n    patch_grace_period: 36500d\n");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/demo:1.0", out);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode pci = benchmark(MAPPER.readTree(out.resolve("report.json").toFile()), "pci_dss");
        assertEquals(List.of("6.2=PASS", "6.4=FAIL", "10.2=FAIL"), statuses(pci));
        String changeControl = pci.path("controls").get(1).path("evidence").toString();
        assertTrue(changeControl.contains("is not pinned by digest") && changeControl.contains("no public key given"), changeControl);
        assertTrue(run.stdout().contains("failed: 6.4, 10.2"), run.stdout());
        assertTrue(Files.readString(out.resolve("metrics.prom")).contains("benchmark=\"pci_dss\"} 0.3333\n"));
    }

    @Test
    void theAuditTrailFieldsShapeTheLineAndAPartialTrailFailsAuditLogging() throws IOException {
        Path out = Files.createDirectories(dir.resolve("partial-trail"));
        Path policy = Files.writeString(dir.resolve("partial.yaml"), "security_gates:\n  container_scan:\n    compliance: [pci_dss]\n"
                + "audit_configuration:\n  audit_trail: [timestamp, user, result]\n");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/demo@" + digest, out, "--signature-key", release.publicKey().toString(),
                "--audit-log", out.resolve("audit.log").toString());
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode line = MAPPER.readTree(Files.readAllLines(out.resolve("audit.log")).get(0));
        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("timestamp", "user", "result"), fields);
        JsonNode audit = benchmark(MAPPER.readTree(out.resolve("report.json").toFile()), "pci_dss").path("controls").get(2);
        assertEquals("FAIL", audit.path("status").asText());
        assertTrue(audit.path("evidence").toString().contains("leaves out action, resource"), audit.toString());
    }

    private static CliRun scan(Path policy, String image, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--no-cache", "--db", db.toString(), "--policy", policy.toString(),
                "--insecure-registry", REGISTRY.hostPort(), "--format", "table", "--format", "json=" + out.resolve("report.json"),
                "--format", "prometheus=" + out.resolve("metrics.prom")));
        args.addAll(List.of(extra));
        args.add(image);
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode benchmark(JsonNode report, String name) {
        for (JsonNode benchmark : report.path("compliance")) {
            if (benchmark.path("name").asText().equals(name)) {
                return benchmark;
            }
        }
        throw new AssertionError("no benchmark " + name + " in " + report.path("compliance"));
    }

    private static List<String> statuses(JsonNode benchmark) {
        List<String> statuses = new ArrayList<>();
        benchmark.path("controls").forEach(c -> statuses.add(c.path("id").asText() + "=" + c.path("status").asText()));
        return statuses;
    }

    /** The record's own published date, read from the zip the DB was built from. */
    private static String publishedDate(String id) throws IOException {
        try (ZipFile zip = new ZipFile(GHSA_ZIP.toFile())) {
            return MAPPER.readTree(zip.getInputStream(zip.getEntry(id + ".json"))).path("published").asText().substring(0, 10);
        }
    }
}
