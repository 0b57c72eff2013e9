package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.engine.ProxySettings;
import io.portcullis.engine.Secret;
import io.portcullis.image.Image;
import io.portcullis.image.ImageReference;
import io.portcullis.testing.LayerContent;
import io.portcullis.testing.LoopbackProxy;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import io.portcullis.transport.TransportSettings;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry traffic through an HTTP proxy: the real Debian registry behind a loopback proxy that records what it forwards. */
class RegistryProxyTest {

    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "pr0xy-pass-5150";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    private static TestImages.DebianImage debian;
    private static ImageReference reference;

    @BeforeAll
    static void pushImage() {
        debian = TestImages.debian();
        REGISTRY.push(debian.ociLayout(), "bookworm", "proxied/debian:12", false);
        reference = ImageReference.parse(REGISTRY.hostPort() + "/proxied/debian:12");
    }

    @Test
    void everyRegistryRequestGoesThroughTheProxy() throws IOException {
        OciLayoutFacts pushed = OciLayoutFacts.of(debian.ociLayout(), "bookworm");
        try (LoopbackProxy proxy = LoopbackProxy.open()) {
            try (Image image = RegistryImage.open(reference, options(ProxySettings.of(proxy.uri(), List.of())));
                 InputStream in = image.layers().get(0).open()) {
                assertArrayEquals(Files.readAllBytes(debian.rootfs().resolve("var/lib/dpkg/status")),
                        LayerContent.readFile(in, "var/lib/dpkg/status").orElseThrow());
            }
            List<String> targets = proxy.received().stream().map(LoopbackProxy.Received::target).toList();
            String base = "http://" + REGISTRY.hostPort() + "/v2/proxied/debian/";
            assertTrue(targets.contains(base + "manifests/12"), targets.toString());
            assertTrue(targets.contains(base + "blobs/" + pushed.configDigest()), targets.toString());
            assertTrue(targets.contains(base + "blobs/" + pushed.layerDigests().get(0)), targets.toString());
        }
    }

    @Test
    void aNoProxyHostIsReachedDirectly() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.open()) {
            ProxySettings bypassing = ProxySettings.of(proxy.uri(), List.of("example.org, 127.0.0.1:" + REGISTRY.port()));
            try (Image image = RegistryImage.open(reference, options(bypassing))) {
                assertEquals(1, image.layers().size());
            }
            assertEquals(List.of(), proxy.received());
        }
    }

    @Test
    void proxyCredentialsAreSentOnlyWhenTheProxyAsks() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD)) {
            ProxySettings settings = ProxySettings.of(proxy.uri(), List.of()).withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD));
            try (Image image = RegistryImage.open(reference, options(settings))) {
                assertEquals(1, image.layers().size());
            }
            // The proxy closes each forwarded connection, so every request is asked for credentials anew (407) and retried with them.
            List<LoopbackProxy.Received> received = proxy.received();
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (PROXY_USER + ":" + PROXY_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertNull(received.get(0).header("Proxy-Authorization"), "nothing is sent before the proxy asks");
            for (int i = 0; i < received.size(); i++) {
                String sent = received.get(i).header("Proxy-Authorization");
                if (sent != null) {
                    assertEquals(basic, sent);
                    assertNull(received.get(i - 1).header("Proxy-Authorization"), "credentials only in answer to a 407: " + received);
                    assertEquals(received.get(i - 1).target(), received.get(i).target());
                }
            }
            assertTrue(received.stream().anyMatch(r -> r.header("Proxy-Authorization") != null), received.toString());
        }
    }

    @Test
    void aBypassedServerAnswering407NeverGetsTheProxyCredentials() throws IOException {
        try (MockWebServer impostor = new MockWebServer(); LoopbackProxy proxy = LoopbackProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD)) {
            impostor.start(InetAddress.getByName("127.0.0.1"), 0);
            impostor.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"x\""));
            String host = "127.0.0.1:" + impostor.getPort();
            ProxySettings settings = ProxySettings.of(proxy.uri(), List.of("127.0.0.1")).withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD));
            RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(Set.of(host))
                    .withTransport(TransportSettings.defaults().withProxy(settings));
            InputException e = assertThrows(InputException.class, () -> RegistryImage.open(ImageReference.parse(host + "/x/y:1"), options));
            assertFalse(e.getMessage().contains(PROXY_PASSWORD), e.getMessage());
            RecordedRequest first = impostor.takeRequest(1, TimeUnit.SECONDS);
            assertNull(first.getHeader("Proxy-Authorization"));
            assertNull(impostor.takeRequest(0, TimeUnit.MILLISECONDS), "asked once, and not again with credentials");
            assertEquals(List.of(), proxy.received());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRefusedProxyPasswordIsAnErrorThatNamesTheProxyStatus() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requiringBasic(PROXY_USER, PROXY_PASSWORD)) {
            String wrong = "wr0ng-proxy-pass";
            ProxySettings settings = ProxySettings.of(proxy.uri(), List.of()).withCredentials(PROXY_USER, Secret.of(wrong));
            InputException e = assertThrows(InputException.class, () -> RegistryImage.open(reference, options(settings)));
            assertEquals("manifest of " + reference + " could not be fetched from " + REGISTRY.hostPort() + ": 407 Proxy Authentication Required",
                    e.getMessage());
            assertEquals(2, proxy.received().size(), "one try without and one with credentials: " + proxy.received());
        }
    }

    private static RegistryOptions options(ProxySettings proxy) {
        return RegistryOptions.defaults().withInsecureRegistries(Set.of(REGISTRY.hostPort()))
                .withTransport(TransportSettings.defaults().withProxy(proxy));
    }
}
