package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.LoopbackProxy;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan} with the transport flags: a vulnerability scan of an image in the real
 * registry through a loopback proxy (from {@code HTTPS_PROXY}, as on a CI agent, and from {@code --proxy}),
 * {@code --no-proxy}, and a registry that sends one byte a second stopped by {@code --transfer-deadline}.
 */
class RegistryTransportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROXY_USER = "agent";
    private static final String PROXY_PASSWORD = "agent-proxy-s3cret";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    @TempDir
    static Path shared;
    static Path db;
    static String image;
    static String pushedDigest;

    @TempDir
    Path dir;

    @BeforeAll
    static void pushImageAndImportDb() throws IOException {
        TestImages.DebianImage debian = TestImages.debian();
        REGISTRY.push(debian.ociLayout(), "bookworm", "ci/debian:12", false);
        pushedDigest = CosignSignatures.taggedDigest(debian.ociLayout(), "bookworm");
        image = REGISTRY.hostPort() + "/ci/debian:12";
        db = shared.resolve("portcullis.db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(), "samples/osv/GHSA-sample.zip");
        assertEquals(0, imported.exitCode(), imported::toString);
    }

    @Test
    void aScanGoesThroughTheProxyTheEnvironmentNames() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD)) {
            String withCredentials = "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.uri().getPort();
            Path report = dir.resolve("report.json");
            CliRun run = CliRun.run("", Map.of("HTTPS_PROXY", withCredentials), dir, "scan", image, "--db", db.toString(),
                    "--insecure-registry", REGISTRY.hostPort(), "--no-cache", "--format", "json=" + report);
            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = JSON.readTree(report.toFile());
            assertEquals(pushedDigest, json.path("image").path("manifestDigest").asText());
            List<String> targets = proxy.received().stream().map(LoopbackProxy.Received::target).toList();
            assertTrue(targets.contains("http://" + REGISTRY.hostPort() + "/v2/ci/debian/manifests/12"), targets.toString());
            assertTrue(targets.stream().anyMatch(t -> t.startsWith("http://" + REGISTRY.hostPort() + "/v2/ci/debian/blobs/sha256:")), targets.toString());
            assertFalse(run.stderr().contains(PROXY_PASSWORD) || run.stdout().contains(PROXY_PASSWORD), run::toString);
        }
    }

    @Test
    void noProxyOnTheCommandLineSendsTheScanDirect() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.open()) {
            CliRun run = CliRun.run("", Map.of(), dir, "scan", image, "--db", db.toString(), "--insecure-registry", REGISTRY.hostPort(),
                    "--no-cache", "--proxy", proxy.uri().toString(), "--no-proxy", "localhost,127.0.0.1", "--format", "json=" + dir.resolve("r.json"));
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(List.of(), proxy.received());
        }
    }

    @Test
    void noProxyFromTheEnvironmentAndProxyNoneGoDirect() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.open()) {
            CliRun bypassed = CliRun.run("", Map.of("HTTPS_PROXY", proxy.uri().toString(), "NO_PROXY", ".example.org,127.0.0.1"), dir,
                    "scan", image, "--db", db.toString(), "--insecure-registry", REGISTRY.hostPort(), "--no-cache",
                    "--min-transfer-rate", "0", "--format", "json=" + dir.resolve("a.json"));
            assertEquals(0, bypassed.exitCode(), bypassed::toString);
            CliRun none = CliRun.run("", Map.of("https_proxy", proxy.uri().toString()), dir, "scan", image, "--db", db.toString(),
                    "--insecure-registry", REGISTRY.hostPort(), "--no-cache", "--proxy", "none", "--format", "json=" + dir.resolve("b.json"));
            assertEquals(0, none.exitCode(), none::toString);
            assertEquals(List.of(), proxy.received());
        }
    }

    @Test
    void dbImportFetchesAUrlSourceThroughTheProxy() throws IOException {
        try (MockWebServer osv = new MockWebServer(); LoopbackProxy proxy = LoopbackProxy.open()) {
            osv.enqueue(new MockResponse().setBody(new okio.Buffer().write(java.nio.file.Files.readAllBytes(Path.of("samples/osv/GHSA-sample.zip")))));
            osv.start(InetAddress.getByName("127.0.0.1"), 0);
            String url = osv.url("/osv/all.zip").toString();
            CliRun run = CliRun.run("", Map.of("HTTP_PROXY", proxy.uri().toString()), dir, "db", "import", "--db",
                    dir.resolve("via-proxy.db").toString(), url);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(List.of(url), proxy.received().stream().map(LoopbackProxy.Received::target).toList());
        }
    }

    @Test
    void aRegistryThatSendsOneByteASecondFailsAtTheTransferDeadline() throws IOException {
        try (MockWebServer slow = new MockWebServer()) {
            slow.start(InetAddress.getByName("127.0.0.1"), 0);
            slow.enqueue(new MockResponse().setHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .setBody("{\"schemaVersion\":2,\"padding\":\"" + "x".repeat(600) + "\"}").throttleBody(1, 1, TimeUnit.SECONDS));
            String host = "127.0.0.1:" + slow.getPort();
            long started = System.nanoTime();
            CliRun run = CliRun.run("", Map.of(), dir, "scan", host + "/slow/app:1", "--db", db.toString(), "--insecure-registry", host,
                    "--no-cache", "--transfer-deadline", "4s");
            System.out.printf("--transfer-deadline 4s against 1 B/s: the CLI exited after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals("portcullis: registry " + host + " stalled sending the manifest 1 of " + host + "/slow/app:1: not complete"
                    + " within the transfer deadline of 4 s (see --min-transfer-rate and --transfer-deadline)\n", run.stderr());
        }
    }

    @Test
    void aProxyThatIsNotAUrlIsAnInputErrorThatDoesNotEchoIt() {
        CliRun run = CliRun.run("", Map.of("HTTPS_PROXY", "ftp://user:hunter2@proxy.example:21"), dir, "scan", image, "--db", db.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("portcullis: $HTTPS_PROXY must be http://HOST:PORT or https://HOST:PORT, with an optional USER:PASSWORD@\n",
                run.stderr());
    }
}
