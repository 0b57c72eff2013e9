package io.portcullis.transport;

import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The one place the engine's OkHttp clients are configured from {@link TransportSettings}: timeouts,
 * the proxy with its bypass list and Basic authentication, and the transfer limits. Callers add
 * what is theirs (TLS trust, redirect handling) to the builder.
 */
public final class HttpClients {

    private HttpClients() {
    }

    /** A builder carrying {@code settings}; retries are the caller's, as only it knows which requests are idempotent. */
    public static OkHttpClient.Builder builder(TransportSettings settings) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.transferDeadline())
                .addInterceptor(new TransferLimits(settings));
        HttpProxy proxy = settings.proxy();
        if (proxy == null) {
            // Nothing ambient: the JVM's http.proxyHost and the like do not redirect the engine's traffic.
            return builder.proxy(Proxy.NO_PROXY);
        }
        builder.proxySelector(new BypassingSelector(proxy));
        if (proxy.username().isPresent()) {
            builder.proxyAuthenticator(new BasicProxyAuthenticator(proxy));
        }
        return builder;
    }

    /** The proxy for every URI but those its bypass list names. */
    private static final class BypassingSelector extends ProxySelector {
        private final HttpProxy proxy;
        private final Proxy route;

        BypassingSelector(HttpProxy proxy) {
            this.proxy = proxy;
            this.route = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
        }

        @Override
        public List<Proxy> select(URI uri) {
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return List.of(proxy.bypasses(uri.getHost(), port) ? Proxy.NO_PROXY : route);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // OkHttp reports the failure itself; there is no other proxy to fall back to.
        }
    }

    /**
     * Answers the proxy's 407 with Basic credentials, once. Only a 407 over a route through our proxy
     * gets them: OkHttp asks the proxy authenticator for nothing else, and a server reached directly
     * that sends 407 is refused by OkHttp before this is called.
     */
    private static final class BasicProxyAuthenticator implements Authenticator {
        private final HttpProxy proxy;

        BasicProxyAuthenticator(HttpProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public Request authenticate(Route route, Response response) {
            if (response.code() != 407 || route == null || route.proxy().type() != Proxy.Type.HTTP
                    || response.request().header("Proxy-Authorization") != null) {
                return null;
            }
            return response.request().newBuilder().header("Proxy-Authorization", basic(proxy.username().orElseThrow(), proxy.passwordCopy())).build();
        }
    }

    /** {@code Basic base64(user:password)}, built without the password ever being a String; {@code password} is wiped. */
    public static String basic(String username, char[] password) {
        char[] pair = new char[username.length() + 1 + password.length];
        username.getChars(0, username.length(), pair, 0);
        pair[username.length()] = ':';
        System.arraycopy(password, 0, pair, username.length() + 1, password.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pair));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(pair, '\0');
            Arrays.fill(password, '\0');
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
