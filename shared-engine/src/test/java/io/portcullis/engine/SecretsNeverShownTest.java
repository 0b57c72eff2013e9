package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.registry.Credentials;
import io.portcullis.image.registry.RegistryOptions;
import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.testing.LoopbackProxy;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A planted registry password, identity token and proxy password never show: not in the
 * {@code toString()} of any credential, settings, spec or request object, and not in the message or
 * stack trace of the errors a wrong password (401), an unreachable registry, a stalled transfer and a
 * refused proxy password (407) raise. Each is looked for as itself and in the Basic encoding it is sent in.
 */
class SecretsNeverShownTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "Regi5try-Pa55word-1";
    private static final String TOKEN = "eyJ-identity-t0ken-2";
    private static final String PROXY_USER = "proxy-bot";
    private static final String PROXY_PASSWORD = "Pr0xy-Pa55word-3";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, "the-right-one-4");

    private static String image;

    @BeforeAll
    static void pushImage() {
        REGISTRY.push(TestImages.debian().ociLayout(), "bookworm", "private/debian:12", false);
        image = REGISTRY.hostPort() + "/private/debian:12";
    }

    @Test
    void noObjectShowsASecretInItsText() {
        ProxySettings proxy = ProxySettings.of(URI.create("http://127.0.0.1:3128"), List.of(".corp"))
                .withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD));
        RegistryCredentials credentials = RegistryCredentials.of(RegistryCredential.basic("ghcr.io", USER, Secret.of(PASSWORD)),
                RegistryCredential.token("acr.example.io", Secret.of(TOKEN)));
        ScanSpec spec = spec("ghcr.io/app:1", credentials, proxy).build();
        List<Object> shown = List.of(Secret.of(PASSWORD), credentials.forRegistry("ghcr.io").orElseThrow(),
                credentials.forRegistry("acr.example.io").orElseThrow(), credentials, proxy, spec, spec.transport(),
                new Credentials(USER, PASSWORD), RegistryOptions.defaults().withTransport(spec.transport())
                        .withCredentials(ScanEngine.registryCredentials(credentials)),
                ImageSourceOptions.defaults().withTransport(spec.transport()));
        for (Object object : shown) {
            assertHidden(object.toString());
        }
        assertTrue(proxy.toString().contains(PROXY_USER), proxy::toString);
    }

    @Test
    void aWrongPasswordIs401WithoutTheSecret() {
        InputException e = assertThrows(InputException.class, () -> new ScanEngine().scan(spec(image,
                RegistryCredentials.of(RegistryCredential.basic(REGISTRY.hostPort(), USER, Secret.of(PASSWORD))), null).build()));
        assertTrue(e.getMessage().startsWith("authentication failed for " + REGISTRY.hostPort() + ": 401 Unauthorized"), e.getMessage());
        assertHidden(e);
    }

    @Test
    void anUnreachableRegistryNamesItWithoutTheSecret() {
        InputException e = assertThrows(InputException.class, () -> new ScanEngine().scan(spec("127.0.0.1:1/app:1",
                RegistryCredentials.of(RegistryCredential.basic("127.0.0.1:1", USER, Secret.of(PASSWORD))), null).build()));
        assertTrue(e.getMessage().startsWith("cannot reach registry 127.0.0.1:1: "), e.getMessage());
        assertHidden(e);
    }

    @Test
    void aStalledTransferNamesTheRegistryWithoutTheSecret() throws IOException {
        try (MockWebServer slow = new MockWebServer()) {
            slow.start(InetAddress.getByName("127.0.0.1"), 0);
            String expected = basic(RegistryCredential.TOKEN_USERNAME, TOKEN);
            slow.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (!expected.equals(request.getHeader("Authorization"))) {
                        return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate", "Basic realm=\"slow\"");
                    }
                    return new MockResponse().setBody("{\"schemaVersion\":2" + " ".repeat(100) + "}").throttleBody(1, 1, TimeUnit.SECONDS);
                }
            });
            String host = "127.0.0.1:" + slow.getPort();
            ScanSpec spec = spec(host + "/slow/app:1", RegistryCredentials.of(RegistryCredential.token(host, Secret.of(TOKEN))), null)
                    .transferDeadline(Duration.ofSeconds(2)).build();
            InputException e = assertThrows(InputException.class, () -> new ScanEngine().scan(spec));
            assertTrue(e.getMessage().startsWith("registry " + host + " stalled sending the manifest 1 of " + host + "/slow/app:1"), e.getMessage());
            assertHidden(e);
        }
    }

    @Test
    void aRefusedProxyPasswordIs407WithoutTheSecret() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requiringBasic(PROXY_USER, "the-proxy-wants-another")) {
            ProxySettings settings = ProxySettings.of(proxy.uri(), List.of()).withCredentials(PROXY_USER, Secret.of(PROXY_PASSWORD));
            InputException e = assertThrows(InputException.class, () -> new ScanEngine().scan(spec(image,
                    RegistryCredentials.of(RegistryCredential.basic(REGISTRY.hostPort(), USER, Secret.of(PASSWORD))), settings).build()));
            assertTrue(e.getMessage().endsWith(": 407 Proxy Authentication Required (image " + image + ")")
                    || e.getMessage().endsWith(": 407 Proxy Authentication Required"), e.getMessage());
            assertHidden(e);
            assertEquals(basic(PROXY_USER, PROXY_PASSWORD), proxy.received().get(1).header("Proxy-Authorization"),
                    "the proxy password went to the proxy, which refused it");
        }
    }

    private static ScanSpec.Builder spec(String reference, RegistryCredentials credentials, ProxySettings proxy) {
        return ScanSpec.builder(reference).scanType(ScanType.parse("secret")).tempDirectory(JvmTempDirectory.get().path())
                .insecureRegistries(Set.of(reference.substring(0, reference.indexOf('/')))).credentials(credentials).proxy(proxy)
                .registryRetries(0);
    }

    private static void assertHidden(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertHidden(trace.toString());
    }

    private static void assertHidden(String text) {
        for (String secret : List.of(PASSWORD, TOKEN, PROXY_PASSWORD)) {
            assertTrue(!text.contains(secret), () -> "a planted secret shows in: " + text);
        }
        for (String encoded : List.of(basic(USER, PASSWORD), basic(RegistryCredential.TOKEN_USERNAME, TOKEN), basic(USER, TOKEN),
                basic(PROXY_USER, PROXY_PASSWORD))) {
            String base64 = encoded.substring("Basic ".length());
            assertTrue(!text.contains(base64), () -> "an encoded secret shows in: " + text);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
