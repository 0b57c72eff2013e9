package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageReference;
import io.portcullis.image.MediaTypes;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.TestImages;
import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransportSettings;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protocol edges that the Debian registry never produces: redirects to blob storage on another
 * host, bearer-token realms, 429/503 answers and dropped connections. These need a server that
 * misbehaves on purpose, so OkHttp's MockWebServer stands in for the registry here (on 127.0.0.1)
 * and for blob storage / a foreign token service (on 127.0.0.2, another loopback address). The
 * content served is the real arm64 test image's manifest, config and layer from the OCI layout.
 */
class RegistryProtocolEdgeTest {

    private static final String USER = "edge-user";
    private static final String PASSWORD = "edge-secret-77";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private MockWebServer registry;
    private MockWebServer elsewhere;
    private OciLayoutFacts facts;
    private byte[] manifest;
    private byte[] config;
    private byte[] layer;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Path layout = TestImages.debian().ociLayout();
        facts = OciLayoutFacts.of(layout, "arm64");
        manifest = OciLayoutFacts.blobBytes(layout, facts.manifestDigest());
        config = OciLayoutFacts.blobBytes(layout, facts.configDigest());
        layer = OciLayoutFacts.blobBytes(layout, facts.layerDigests().get(0));
        registry = new MockWebServer();
        registry.start(InetAddress.getByName("127.0.0.1"), 0);
        elsewhere = new MockWebServer();
        elsewhere.start(InetAddress.getByName("127.0.0.2"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        registry.shutdown();
        elsewhere.shutdown();
    }

    @Test
    void aRedirectToAnotherHostCarriesNoAuthorization() throws IOException {
        registry.setDispatcher(dispatcher(request -> {
            if (!BASIC.equals(request.getHeader("Authorization"))) {
                return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", "Basic realm=\"edge\"");
            }
            if (request.getPath().endsWith("/blobs/" + facts.layerDigests().get(0))) {
                return new MockResponse().setResponseCode(307)
                        .setHeader("Location", "http://127.0.0.2:" + elsewhere.getPort() + "/storage/layer?signature=abc");
            }
            return image(request);
        }));
        elsewhere.setDispatcher(dispatcher(request -> new MockResponse().setBody(new Buffer().write(layer))));

        try (Image image = open(withCredentials())) {
            try (InputStream in = image.layers().get(0).open()) {
                assertArrayEquals(layer, in.readAllBytes());
            }
        }
        RecordedRequest atStorage = takeNow(elsewhere);
        assertEquals("/storage/layer?signature=abc", atStorage.getPath());
        assertNull(atStorage.getHeader("Authorization"), "the Authorization header must not follow a redirect to another host");
        List<RecordedRequest> atRegistry = drain(registry);
        RecordedRequest layerRequest = atRegistry.get(atRegistry.size() - 1);
        assertTrue(layerRequest.getPath().endsWith(facts.layerDigests().get(0)));
        assertEquals(BASIC, layerRequest.getHeader("Authorization"), "the registry itself did get the credentials");
    }

    @Test
    void aTokenFromTheRegistrysOwnRealmIsFetchedWithCredentialsOnceAndReused() throws IOException {
        AtomicInteger tokenRequests = new AtomicInteger();
        String challenge = "Bearer realm=\"http://127.0.0.1:" + registry.getPort() + "/token\",service=\"edge-registry\",scope=\"repository:edge/img:pull\"";
        registry.setDispatcher(dispatcher(request -> {
            if (request.getPath().startsWith("/token?")) {
                tokenRequests.incrementAndGet();
                assertEquals("/token?service=edge-registry&scope=repository%3Aedge%2Fimg%3Apull", request.getPath());
                return BASIC.equals(request.getHeader("Authorization"))
                        ? new MockResponse().setBody("{\"token\":\"t-123\",\"expires_in\":300}")
                        : new MockResponse().setResponseCode(401);
            }
            if (!"Bearer t-123".equals(request.getHeader("Authorization"))) {
                return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", challenge);
            }
            return image(request);
        }));

        try (Image image = open(withCredentials()); InputStream in = image.layers().get(0).open()) {
            assertArrayEquals(layer, in.readAllBytes());
        }
        assertEquals(1, tokenRequests.get(), "manifest, config and layer share one token");
    }

    @Test
    void credentialsAreNotSentToATokenRealmOnAnotherHost() {
        String challenge = "Bearer realm=\"http://127.0.0.2:" + elsewhere.getPort() + "/token\",service=\"edge-registry\"";
        registry.setDispatcher(dispatcher(request ->
                new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", challenge)));
        elsewhere.setDispatcher(dispatcher(request -> new MockResponse().setBody("{\"token\":\"anonymous\"}")));
        // Even named insecure, the foreign realm gets no credentials: the rule is about whose host it is.
        RegistryOptions options = withCredentials().withInsecureRegistries(
                Set.of("127.0.0.1:" + registry.getPort(), "127.0.0.2:" + elsewhere.getPort()));

        InputException e = assertThrows(InputException.class, () -> open(options));
        String host = "127.0.0.1:" + registry.getPort();
        assertEquals("authentication failed for " + host + ": 401 Unauthorized (credentials for " + host
                + " were not sent to token service 127.0.0.2:" + elsewhere.getPort()
                + ", which is neither that registry's own scheme, host and port nor a parent domain of it over HTTPS on port 443;"
                + " see docs/registry.md)", e.getMessage());
        RecordedRequest tokenRequest = takeNow(elsewhere);
        assertNull(tokenRequest.getHeader("Authorization"));
    }

    @Test
    void credentialsAreNotSentToATokenRealmOnTheSameHostButAnotherPort() throws IOException {
        try (MockWebServer otherPort = new MockWebServer()) {
            otherPort.start(InetAddress.getByName("127.0.0.1"), 0);
            String challenge = "Bearer realm=\"http://127.0.0.1:" + otherPort.getPort() + "/token\",service=\"edge-registry\"";
            registry.setDispatcher(dispatcher(request ->
                    new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", challenge)));
            otherPort.setDispatcher(dispatcher(request -> new MockResponse().setBody("{\"token\":\"anonymous\"}")));
            // both ports named insecure: plain HTTP is allowed to each, yet the credentials belong to one
            RegistryOptions options = withCredentials().withInsecureRegistries(
                    Set.of("127.0.0.1:" + registry.getPort(), "127.0.0.1:" + otherPort.getPort()));

            InputException e = assertThrows(InputException.class, () -> open(options));
            assertTrue(e.getMessage().contains("were not sent to token service 127.0.0.1:" + otherPort.getPort()), e.getMessage());
            RecordedRequest tokenRequest = takeNow(otherPort);
            assertEquals("/token?service=edge-registry&scope=repository%3Aedge%2Fimg%3Apull", tokenRequest.getPath());
            assertNull(tokenRequest.getHeader("Authorization"), "no Basic credentials to another port");
        }
    }

    @Test
    void serviceUnavailableIsRetriedWithExponentialBackoff() throws IOException {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> request.getPath().contains("/manifests/") && manifestRequests.incrementAndGet() <= 2
                ? new MockResponse().setResponseCode(503)
                : image(request)));
        try (Image image = open(insecureOnly())) {
            assertEquals(facts.manifestDigest(), image.metadata().manifestDigest());
        }
        assertEquals(3, manifestRequests.get());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws IOException {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> request.getPath().contains("/manifests/") && manifestRequests.incrementAndGet() == 1
                ? new MockResponse().setResponseCode(429).setHeader("Retry-After", "7")
                : image(request)));
        try (Image image = open(insecureOnly())) {
            assertEquals(facts.configDigest(), image.metadata().configDigest());
        }
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void retriesAreBoundedAndTheLastStatusIsReported() {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> {
            manifestRequests.incrementAndGet();
            return new MockResponse().setResponseCode(503);
        }));
        InputException e = assertThrows(InputException.class, () -> open(insecureOnly()));
        String host = "127.0.0.1:" + registry.getPort();
        assertEquals("manifest of " + host + "/edge/img:1 could not be fetched from " + host + ": 503 Service Unavailable",
                e.getMessage());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), manifestRequests.get());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void aDroppedConnectionIsRetried() throws IOException {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> request.getPath().contains("/manifests/") && manifestRequests.incrementAndGet() <= 2
                ? new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)
                : image(request)));
        try (Image image = open(insecureOnly())) {
            assertEquals(facts.manifestDigest(), image.metadata().manifestDigest());
        }
        assertEquals(3, manifestRequests.get());
    }

    @Test
    void aLayerDownloadBrokenMidwayResumesWithARangeRequest() throws IOException {
        List<String> ranges = new CopyOnWriteArrayList<>();
        String layerPath = "/v2/edge/img/blobs/" + facts.layerDigests().get(0);
        registry.setDispatcher(dispatcher(request -> {
            if (!request.getPath().equals(layerPath)) {
                return image(request);
            }
            String range = request.getHeader("Range");
            if (range == null) {
                return new MockResponse().setBody(new Buffer().write(layer))
                        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
            }
            ranges.add(range);
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            return new MockResponse().setResponseCode(206)
                    .setHeader("Content-Range", "bytes " + from + "-" + (layer.length - 1) + "/" + layer.length)
                    .setBody(new Buffer().write(java.util.Arrays.copyOfRange(layer, from, layer.length)));
        }));
        try (Image image = open(insecureOnly()); InputStream in = image.layers().get(0).open()) {
            assertArrayEquals(layer, in.readAllBytes());
        }
        assertEquals(1, ranges.size(), "one resumption");
        int resumedAt = Integer.parseInt(ranges.get(0).substring("bytes=".length(), ranges.get(0).length() - 1));
        assertTrue(resumedAt > 0 && resumedAt < layer.length, "resumed after the bytes already read: " + ranges.get(0));
        assertEquals(List.of(Duration.ofMillis(500)), sleeps);
    }

    @Test
    void aRedirectFromHttpsToPlainHttpIsRefused(@TempDir Path dir) throws Exception {
        ExternalCommand.run(Duration.ofMinutes(1), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        ExternalCommand.run(Duration.ofMinutes(1), "openssl", "pkcs12", "-export", "-in", dir.resolve("cert.pem").toString(),
                "-inkey", dir.resolve("key.pem").toString(), "-out", dir.resolve("server.p12").toString(), "-passout", "pass:test");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, "test".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "test".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        try (MockWebServer httpsRegistry = new MockWebServer()) {
            httpsRegistry.useHttps(tls.getSocketFactory(), false);
            httpsRegistry.start(InetAddress.getByName("127.0.0.1"), 0);
            httpsRegistry.setDispatcher(dispatcher(request -> new MockResponse().setResponseCode(302)
                    .setHeader("Location", "http://127.0.0.2:" + elsewhere.getPort() + "/plain")));
            String host = "127.0.0.1:" + httpsRegistry.getPort();
            RegistryClient client = new RegistryClient(RegistryOptions.defaults().withExtraCaFile(dir.resolve("cert.pem"))
                    .withTransport(TransportSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))), sleeps::add, Clock.systemUTC());
            InputException e = assertThrows(InputException.class, () -> client.open(ImageReference.parse(host + "/edge/img:1")));
            assertEquals(host + " redirected /v2/edge/img/manifests/1 from HTTPS to plain HTTP (127.0.0.2:" + elsewhere.getPort()
                    + "); refusing to downgrade", e.getMessage());
            assertEquals(0, elsewhere.getRequestCount());
        }
    }

    private Image open(RegistryOptions options) throws IOException {
        RegistryClient client = new RegistryClient(options, sleeps::add, Clock.systemUTC());
        return client.open(ImageReference.parse("127.0.0.1:" + registry.getPort() + "/edge/img:1"));
    }

    private RegistryOptions insecureOnly() {
        return RegistryOptions.defaults().withInsecureRegistries(Set.of("127.0.0.1:" + registry.getPort()))
                .withTransport(TransportSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    private RegistryOptions withCredentials() {
        return insecureOnly().withCredentials(
                RegistryCredentials.of("127.0.0.1:" + registry.getPort(), new Credentials(USER, PASSWORD)));
    }

    /** The image as a registry serves it: manifest by tag, config and layer by digest. */
    private MockResponse image(RecordedRequest request) {
        String path = request.getPath();
        if (path.equals("/v2/edge/img/manifests/1")) {
            return new MockResponse().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                    .setHeader("Docker-Content-Digest", facts.manifestDigest()).setBody(new Buffer().write(manifest));
        }
        if (path.equals("/v2/edge/img/blobs/" + facts.configDigest())) {
            return new MockResponse().setBody(new Buffer().write(config));
        }
        if (path.equals("/v2/edge/img/blobs/" + facts.layerDigests().get(0))) {
            return new MockResponse().setBody(new Buffer().write(layer));
        }
        return new MockResponse().setResponseCode(404);
    }

    private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> handler) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handler.apply(request);
            }
        };
    }

    private static List<RecordedRequest> drain(MockWebServer server) {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = takeNow(server); r != null; r = takeNow(server)) {
            requests.add(r);
        }
        return requests;
    }

    private static RecordedRequest takeNow(MockWebServer server) {
        try {
            return server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
