package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageReference;
import io.portcullis.image.MediaTypes;
import io.portcullis.testing.TestImages;
import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransportSettings;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport settings as the registry client applies them: retries as many as configured, and a
 * registry that sends one byte a second failing as stalled, named with what it was sending. The time
 * a stall takes to detect is printed (and recorded in docs/benchmarks.md), not asserted.
 */
class RegistryTransferLimitsTest {

    private MockWebServer registry;
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
    }

    @AfterEach
    void stop() throws IOException {
        registry.shutdown();
    }

    @Test
    void a503ThenA200IsRetriedAsOftenAsConfigured() throws IOException {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> {
            if (request.getPath().endsWith("/manifests/1") && manifestRequests.incrementAndGet() == 1) {
                return new MockResponse().setResponseCode(503).setHeader("Retry-After", "7");
            }
            return image(request, false, false);
        }));
        try (Image image = open(TransportSettings.defaults().withRetryPolicy(RetryPolicy.retries(1)))) {
            assertEquals(facts.manifestDigest(), image.metadata().manifestDigest());
        }
        assertEquals(2, manifestRequests.get());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps, "Retry-After is honoured");
    }

    @Test
    void withNoRetriesTheFirst503Fails() {
        AtomicInteger manifestRequests = new AtomicInteger();
        registry.setDispatcher(dispatcher(request -> {
            manifestRequests.incrementAndGet();
            return new MockResponse().setResponseCode(503);
        }));
        InputException e = assertThrows(InputException.class, () -> open(TransportSettings.defaults().withRetryPolicy(RetryPolicy.retries(0))));
        assertTrue(e.getMessage().endsWith("503 Service Unavailable"), e.getMessage());
        assertEquals(1, manifestRequests.get());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aLayerSentOneByteASecondFailsBelowTheMinimumRate() throws IOException {
        registry.setDispatcher(dispatcher(request -> image(request, false, true)));
        TransportSettings slowFloor = TransportSettings.defaults().withMinTransferRate(100, Duration.ofSeconds(2));
        long started = System.nanoTime();
        InputException e;
        try (Image image = open(slowFloor)) {
            e = assertThrows(InputException.class, () -> {
                try (InputStream in = image.layers().get(0).open()) {
                    in.readAllBytes();
                }
            });
        }
        System.out.printf("stall below 100 B/s over a 2 s window detected after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String host = "127.0.0.1:" + registry.getPort();
        assertTrue(e.getMessage().startsWith("registry " + host + " stalled sending layer " + facts.layerDigests().get(0)
                + " of " + host + "/edge/img:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("below the minimum transfer rate of 100 bytes/s"), e.getMessage());
        assertEquals(1, layerRequests(), "a stalled transfer is not resumed");
    }

    @Test
    void aManifestSentOneByteASecondFailsAtTheDeadline() {
        registry.setDispatcher(dispatcher(request -> image(request, true, false)));
        TransportSettings deadline = TransportSettings.defaults().withMinTransferRate(0, Duration.ofSeconds(30))
                .withTransferDeadline(Duration.ofSeconds(3));
        long started = System.nanoTime();
        InputException e = assertThrows(InputException.class, () -> open(deadline));
        System.out.printf("3 s transfer deadline on a manifest sent at 1 B/s detected after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String host = "127.0.0.1:" + registry.getPort();
        assertEquals("registry " + host + " stalled sending the manifest 1 of " + host + "/edge/img:1: not complete within the"
                + " transfer deadline of 3 s (see --min-transfer-rate and --transfer-deadline)", e.getMessage());
    }

    @Test
    void anHonestSlowRegistryPassesTheDefaults() throws IOException {
        // 64 KiB every 100 ms: about 640 KiB/s, far below a LAN and far above the default floor.
        registry.setDispatcher(dispatcher(request -> {
            MockResponse response = image(request, false, false);
            return response.throttleBody(64 * 1024, 100, TimeUnit.MILLISECONDS);
        }));
        try (Image image = open(TransportSettings.defaults()); InputStream in = image.layers().get(0).open()) {
            assertArrayEquals(layer, in.readAllBytes());
        }
    }

    private long layerRequests() {
        long n = 0;
        try {
            for (RecordedRequest r = registry.takeRequest(0, TimeUnit.MILLISECONDS); r != null; r = registry.takeRequest(0, TimeUnit.MILLISECONDS)) {
                if (r.getPath().endsWith("/blobs/" + facts.layerDigests().get(0))) {
                    n++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    private Image open(TransportSettings transport) throws IOException {
        RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(Set.of("127.0.0.1:" + registry.getPort()))
                .withTransport(transport);
        RegistryClient client = new RegistryClient(options, sleeps::add, Clock.systemUTC());
        return client.open(ImageReference.parse("127.0.0.1:" + registry.getPort() + "/edge/img:1"));
    }

    /** The image as a registry serves it, the manifest or the layer at one byte a second when asked. */
    private MockResponse image(RecordedRequest request, boolean slowManifest, boolean slowLayer) {
        String path = request.getPath();
        if (path.equals("/v2/edge/img/manifests/1")) {
            MockResponse response = new MockResponse().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                    .setHeader("Docker-Content-Digest", facts.manifestDigest()).setBody(new Buffer().write(manifest));
            return slowManifest ? response.throttleBody(1, 1, TimeUnit.SECONDS) : response;
        }
        if (path.equals("/v2/edge/img/blobs/" + facts.configDigest())) {
            return new MockResponse().setBody(new Buffer().write(config));
        }
        if (path.equals("/v2/edge/img/blobs/" + facts.layerDigests().get(0))) {
            MockResponse response = new MockResponse().setBody(new Buffer().write(layer));
            return slowLayer ? response.throttleBody(1, 1, TimeUnit.SECONDS) : response;
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
}
