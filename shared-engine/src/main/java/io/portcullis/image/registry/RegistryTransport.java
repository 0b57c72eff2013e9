package io.portcullis.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.image.ImageReference;
import io.portcullis.transport.HttpClients;
import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransferStalledException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTTP for one image's registry: authentication as the registry challenges, manual redirects
 * that never carry the Authorization header to another host, and bounded retries; timeouts, the
 * proxy and the transfer limits come from the options' {@link io.portcullis.transport.TransportSettings}.
 */
final class RegistryTransport {

    /** How the transport waits between tries; tests substitute one that records the waits. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);
    private static final String USER_AGENT = "portcullis";
    private static final long MAX_ERROR_BODY_BYTES = 8192;
    private static final int MAX_ERROR_DETAIL = 200;
    private static final ObjectMapper ERROR_JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final RegistryOptions options;
    private final Sleeper sleeper;
    private final Clock clock;
    private final TokenCache tokens;
    private final TokenService tokenService;

    RegistryTransport(RegistryOptions options, Sleeper sleeper, Clock clock) {
        this.options = options;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = httpClient(options);
        this.tokens = new TokenCache(clock);
        this.tokenService = new TokenService(this, options);
    }

    private static OkHttpClient httpClient(RegistryOptions options) {
        OkHttpClient.Builder builder = HttpClients.builder(options.transport())
                .followRedirects(false)
                .followSslRedirects(false);
        if (options.extraCaFile() != null) {
            X509TrustManager trust = ExtraCaTrust.systemPlus(options.extraCaFile());
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new X509TrustManager[] {trust}, null);
                builder.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /**
     * GETs a path of an image's registry API ({@code /v2/...}), authenticating as the registry
     * asks. Returns the response whatever its status except 401/403, which fail here; the caller
     * owns (and closes) the response.
     *
     * @param headers sent with the request and its redirects (Accept, Range)
     */
    Response get(ImageReference image, String path, Headers headers) throws IOException {
        HttpUrl url = HttpUrl.get(baseUrl(image) + path);
        String scope = "repository:" + image.repository() + ":pull";
        String apiHost = image.apiHost();
        String cached = tokens.get(apiHost, scope).orElse(null);
        Response response = send(url, headers, cached, image.registry());
        if (response.code() != 401) {
            return checkForbidden(response, image);
        }
        List<AuthChallenge> challenges = response.headers("WWW-Authenticate").stream()
                .flatMap(header -> AuthChallenge.parse(header).stream())
                .toList();
        response.close();
        if (cached != null) {
            tokens.invalidate(apiHost, scope);
        }
        TokenService.Grant grant = tokenService.authorize(challenges, image, scope);
        response = send(url, headers, grant.authorization(), image.registry());
        if (response.code() == 401) {
            response.close();
            throw authenticationFailed(image.registry(), 401, grant.note());
        }
        if (response.isSuccessful()) {
            tokens.put(apiHost, scope, grant.authorization(), grant.lifetimeSeconds());
        }
        return checkForbidden(response, image);
    }

    private static Response checkForbidden(Response response, ImageReference image) {
        if (response.code() == 403) {
            response.close();
            throw authenticationFailed(image.registry(), 403, "");
        }
        return response;
    }

    static InputException authenticationFailed(String registry, int status, String note) {
        return new InputException("authentication failed for " + registry + ": " + status + " " + reason(status) + note);
    }

    private String baseUrl(ImageReference image) {
        return baseUrl(image, options);
    }

    /** Where the registry's API is: plain HTTP only when it was named insecure. */
    static String baseUrl(ImageReference image, RegistryOptions options) {
        boolean plain = options.isInsecure(image.registry()) || options.isInsecure(image.apiHost());
        return (plain ? "http://" : "https://") + image.apiHost();
    }

    /**
     * One GET with retries and redirects. The Authorization header goes only to the scheme, host
     * and port of {@code url}; a redirect elsewhere (blob storage, a CDN) is followed without it.
     *
     * @param registry the registry this request is made for, for error messages
     */
    Response send(HttpUrl url, Headers headers, String authorization, String registry) throws IOException {
        RetryPolicy policy = options.transport().retryPolicy();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = followRedirects(url, headers, authorization, registry);
            } catch (TransferStalledException e) {
                throw stalled(registry, url.encodedPath(), e);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
                    throw e;
                }
                if (!isTransient(e) || attempt >= policy.maxAttempts()) {
                    throw unreachable(url, registry, e, attempt);
                }
                pause(policy.delayAfter(attempt, null));
                continue;
            }
            if (!RETRIED_STATUSES.contains(response.code()) || attempt >= policy.maxAttempts()) {
                return response;
            }
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            response.close();
            pause(policy.delayAfter(attempt, retryAfter));
        }
    }

    private Response followRedirects(HttpUrl url, Headers headers, String authorization, String registry) throws IOException {
        HttpUrl current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // identity: digests are over the bytes as stored, so no transparent decompression by OkHttp.
            Request.Builder request = new Request.Builder().url(current).headers(headers)
                    .header("User-Agent", USER_AGENT).header("Accept-Encoding", "identity");
            if (authorization != null && sameOrigin(current, url)) {
                request.header("Authorization", authorization);
            }
            Response response = http.newCall(request.build()).execute();
            if (!response.isRedirect()) {
                return response;
            }
            String location = response.header("Location");
            response.close();
            HttpUrl next = location == null ? null : current.resolve(location);
            if (next == null) {
                throw new InputException(registry + " sent a redirect without a usable Location for " + current.encodedPath());
            }
            if (current.isHttps() && !next.isHttps()) {
                throw new InputException(registry + " redirected " + current.encodedPath()
                        + " from HTTPS to plain HTTP (" + next.host() + ":" + next.port() + "); refusing to downgrade");
            }
            current = next;
        }
        throw new InputException(registry + " redirected " + url.encodedPath() + " more than " + MAX_REDIRECTS + " times");
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /** Connection resets, timeouts and truncated responses may pass; refused connections, unknown hosts and TLS failures will not. */
    private static boolean isTransient(IOException e) {
        return !(e instanceof UnknownHostException || e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof SSLException || e instanceof ProtocolException);
    }

    /**
     * A registry too slow for the transfer limits: an input error like any other registry failure, naming the
     * registry and what it was sending (a manifest, a blob digest).
     */
    static InputException stalled(String registry, String what, TransferStalledException e) {
        return new InputException("registry " + registry + " stalled sending " + what + ": " + e.getMessage()
                + " (see --min-transfer-rate and --transfer-deadline)", e);
    }

    private static InputException unreachable(HttpUrl url, String registry, IOException e, int attempts) {
        String where = url.host() + ":" + url.port();
        String reason = e instanceof UnknownHostException ? "unknown host" : innermostMessage(e);
        String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (e instanceof SSLException) {
            return new InputException("TLS connection to " + where + " for registry " + registry + " failed: " + reason
                    + " (trust its CA with --registry-ca-file, or name it with --insecure-registry if it speaks plain HTTP)", e);
        }
        String whose = where.equals(registry) || url.host().equals(registry) ? "registry " + where : where + " (registry " + registry + ")";
        return new InputException("cannot reach " + whose + ": " + reason + tries, e);
    }

    /** OkHttp wraps the socket's own reason ("Connection refused") in a message of its own. */
    private static String innermostMessage(Throwable e) {
        String message = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    void pause(Duration delay) throws IOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a registry request");
        }
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(value.length() > 9 ? "999999999" : value));
        }
        try {
            Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The status line's reason phrase; HTTP/2 has none, so it is ours. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 407 -> "Proxy Authentication Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** Reads a whole response body, refusing one longer than {@code limit} bytes. */
    static byte[] readBody(Response response, long limit, String what) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return new byte[0];
        }
        if (body.contentLength() > limit) {
            throw new InputException(what + " is " + body.contentLength() + " bytes, more than the " + limit + " allowed");
        }
        BufferedSource source = body.source();
        if (source.request(limit + 1)) {
            throw new InputException(what + " is more than the " + limit + " bytes allowed");
        }
        return source.readByteArray();
    }

    /** "404 Not Found (MANIFEST_UNKNOWN: manifest unknown)" from a failed response and the registry's error body. */
    static String describeStatus(Response response) {
        StringBuilder text = new StringBuilder().append(response.code());
        String reason = reason(response.code());
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        try {
            JsonNode errors = ERROR_JSON.readTree(response.peekBody(MAX_ERROR_BODY_BYTES).bytes()).path("errors");
            List<String> details = new ArrayList<>();
            for (JsonNode error : errors) {
                String code = error.path("code").asText("");
                String message = error.path("message").asText("");
                String detail = message.isEmpty() ? code : code + ": " + message;
                details.add(detail.length() > MAX_ERROR_DETAIL ? detail.substring(0, MAX_ERROR_DETAIL) + "..." : detail);
            }
            if (!details.isEmpty()) {
                text.append(" (").append(String.join("; ", details)).append(')');
            }
        } catch (IOException | RuntimeException e) {
            // Not the registry's error JSON (a proxy's HTML page, say): the status alone says enough.
        }
        return text.toString();
    }

    /** Releases pooled connections. */
    void close() {
        http.connectionPool().evictAll();
    }
}
