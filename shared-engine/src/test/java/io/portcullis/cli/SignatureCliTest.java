package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.CosignSignatures.KeyPair;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * {@code portcullis scan} with the seed's {@code signing_required: true} against a real registry that asks for a
 * password: images signed by openssl keys and pushed with skopeo pass, the rest fail and say why; a bad key file is
 * the user's input error.
 */
class SignatureCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER = "ci";
    private static final String PASSWORD = "s3cret-registry-pass";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    @TempDir
    static Path dir;
    static KeyPair release;
    static KeyPair other;
    static String signedDigest;
    static Path policy;

    @BeforeAll
    static void plant() throws IOException {
        release = CosignSignatures.ecdsaP256(dir, "release");
        other = CosignSignatures.ed25519(dir, "other");
        Path signedLayout = TestImages.small(Files.createDirectories(dir.resolve("signed")), "signed app");
        signedDigest = CosignSignatures.taggedDigest(signedLayout, "small");
        String tag = CosignSignatures.signatureTag(signedDigest);
        CosignSignatures.addSignatureTag(signedLayout, tag, List.of(CosignSignatures.sign(release,
                CosignSignatures.payload(signedDigest, REGISTRY.hostPort() + "/team/app", CosignSignatures.COSIGN_TYPE), dir)));
        REGISTRY.push(signedLayout, "small", "team/app:1.0", false);
        REGISTRY.push(signedLayout, tag, "team/app:" + tag, false);
        Path unsignedLayout = TestImages.small(Files.createDirectories(dir.resolve("unsigned")), "unsigned app");
        REGISTRY.push(unsignedLayout, "small", "team/unsigned:1.0", false);
        policy = Files.writeString(dir.resolve("policy.yaml"), "security_gates:\n  container_scan:\n    signing_required: true\n");
    }

    private static CliRun scan(Path policyFile, String image, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--scan-type", "config", "--no-cache", "--policy", policyFile.toString(),
                "--insecure-registry", REGISTRY.hostPort(), "--username", USER, "--password-stdin"));
        args.addAll(List.of(extra));
        args.add(image);
        return CliRun.withStdin(PASSWORD + "\n", args.toArray(String[]::new));
    }

    private static JsonNode rule(JsonNode report, String name) {
        for (JsonNode rule : report.path("verdict").path("rules")) {
            if (rule.path("rule").asText().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + name + " in " + report.path("verdict"));
    }

    @Test
    void aSignedImagePassesAndEveryReportSaysSo() throws IOException {
        Path out = Files.createDirectories(dir.resolve("signed-out"));
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/app:1.0", "--signature-key", release.publicKey().toString(),
                "--format", "json=" + out.resolve("report.json"), "--format", "sarif=" + out.resolve("report.sarif"),
                "--format", "junit=" + out.resolve("junit.xml"), "--format", "markdown=" + out.resolve("report.md"),
                "--format", "html=" + out.resolve("report.html"));
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(out.resolve("report.json").toFile());
        assertEquals(signedDigest, report.path("image").path("manifestDigest").asText());
        JsonNode signature = report.path("signature");
        assertEquals("VERIFIED", signature.path("status").asText(), signature.toString());
        assertEquals(release.fingerprint(), signature.path("keyFingerprint").asText());
        assertEquals(REGISTRY.hostPort() + "/team/app", signature.path("signedReference").asText());
        assertEquals("PASSED", rule(report, "signing_required").path("status").asText());
        JsonNode sarif = MAPPER.readTree(out.resolve("report.sarif").toFile());
        assertEquals("VERIFIED", sarif.path("runs").path(0).path("properties").path("signature").path("status").asText());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("name=\"signing_required\""), junit);
        String markdown = Files.readString(out.resolve("report.md"));
        assertTrue(markdown.contains("| signing\\_required | PASSED |"), markdown);
        assertTrue(markdown.contains("Signature: VERIFIED — signature in"), markdown);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<td>signing_required</td><td>PASSED</td>"), html);
        assertFalse(run.stdout().contains(PASSWORD) || run.stderr().contains(PASSWORD));
    }

    @Test
    void keysNamedByThePolicyAreReadBesideIt() throws IOException {
        Path policyDir = Files.createDirectories(dir.resolve("repo/security"));
        Files.copy(release.publicKey(), policyDir.resolve("release.pub"));
        Path withKeys = Files.writeString(policyDir.resolve("policy.yaml"),
                "security_gates:\n  container_scan:\n    signing_required: true\n    signature_keys: [release.pub]\n");
        CliRun run = scan(withKeys, REGISTRY.hostPort() + "/team/app:1.0");
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void anUnsignedImageFailsTheGateNamingTheMissingTag() throws IOException {
        Path json = dir.resolve("unsigned.json");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/unsigned:1.0", "--signature-key", release.publicKey().toString(),
                "--format", "json=" + json);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(json.toFile());
        String digest = report.path("image").path("manifestDigest").asText();
        assertEquals("UNSIGNED", report.path("signature").path("status").asText());
        JsonNode rule = rule(report, "signing_required");
        assertEquals("FAILED", rule.path("status").asText());
        assertEquals("no signature tag " + CosignSignatures.signatureTag(digest) + " in " + REGISTRY.hostPort() + "/team/unsigned",
                rule.path("message").asText());
    }

    @Test
    void aSignatureByAnotherKeyFailsTheGate() throws IOException {
        Path json = dir.resolve("other-key.json");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/app:1.0", "--signature-key", other.publicKey().toString(),
                "--format", "json=" + json);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode signature = MAPPER.readTree(json.toFile()).path("signature");
        assertEquals("INVALID", signature.path("status").asText());
        assertTrue(signature.path("reason").asText().contains("does not verify with any given key [" + other.fingerprint() + "]"),
                signature.toString());
        assertTrue(signature.path("keyFingerprint").isNull());
    }

    @Test
    void withoutAKeyTheRequiredSignatureFailsTheGate() throws IOException {
        Path json = dir.resolve("no-key.json");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/app:1.0", "--format", "json=" + json);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(json.toFile());
        assertEquals("NOT_CHECKED", report.path("signature").path("status").asText());
        assertTrue(rule(report, "signing_required").path("message").asText().startsWith("no public key given"), report.toString());
    }

    @Test
    void aDockerArchiveCannotProveASignature() throws IOException {
        Path json = dir.resolve("archive.json");
        CliRun run = CliRun.of("scan", "--scan-type", "config", "--no-cache", "--policy", policy.toString(), "--signature-key",
                release.publicKey().toString(), "--format", "json=" + json, "docker-archive:" + io.portcullis.image.TestImages.alpineArchive());
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode signature = MAPPER.readTree(json.toFile()).path("signature");
        assertEquals("NOT_CHECKED", signature.path("status").asText());
        assertTrue(signature.path("reason").asText().startsWith("cannot verify signatures of a local image (docker-archive:"), signature.toString());
    }

    @Test
    void aPrivateKeyGivenAsTheKeyIsAnInputErrorBeforeThePull() {
        Path json = dir.resolve("never.json");
        CliRun run = scan(policy, REGISTRY.hostPort() + "/team/app:1.0", "--signature-key", release.privateKey().toString(),
                "--format", "json=" + json);
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(release.privateKey() + " is a private key; give the public key"), run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertFalse(Files.exists(json));
    }
}
