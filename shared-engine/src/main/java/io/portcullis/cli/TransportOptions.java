package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ProxySettings;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.Secret;
import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransportSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the command line's HTTP requests are made: timeouts, retries, the proxy and the transfer limits. The
 * proxy defaults to {@code HTTPS_PROXY} (else {@code HTTP_PROXY}) and {@code NO_PROXY}, read here and only here:
 * the engine takes what it is given.
 */
final class TransportOptions {

    static final List<String> PROXY_VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    static final List<String> NO_PROXY_VARIABLES = List.of("NO_PROXY", "no_proxy");

    @Option(names = "--registry-timeout", paramLabel = "DURATION", converter = AgeOption.class,
            description = "Time allowed to connect to a registry or download server (default: 10s). Forms: 30s, 5m.")
    Duration connectTimeout;

    @Option(names = "--registry-read-timeout", paramLabel = "DURATION", converter = AgeOption.class,
            description = "Longest silence between two reads of a response (default: 60s).")
    Duration readTimeout;

    @Option(names = "--registry-retries", paramLabel = "N",
            description = "Retries of a failed GET (connection reset, 429, 5xx; Retry-After honoured up to 30s) (default: 3).")
    Integer retries;

    @Option(names = "--min-transfer-rate", paramLabel = "SIZE", converter = TransferRate.class,
            description = "Fewest bytes per second a response must average over 30s of waiting for it, or it fails as stalled (default: 1K; 0 turns it off).")
    Long minTransferRate;

    @Option(names = "--transfer-deadline", paramLabel = "DURATION", converter = AgeOption.class,
            description = "Longest one request (a manifest, a whole layer) may take (default: 1h).")
    Duration transferDeadline;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "HTTP(S) proxy, http://[USER:PASSWORD@]HOST:PORT (default: $HTTPS_PROXY, else $HTTP_PROXY); 'none' for direct connections.")
    String proxy;

    @Option(names = "--no-proxy", paramLabel = "LIST",
            description = "Hosts reached without the proxy, as NO_PROXY: host, .domain, host:port, *, comma-separated (default: $NO_PROXY).")
    String noProxy;

    /** A size per second as {@link ByteSize} reads it, or 0 for no floor. */
    static final class TransferRate implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.trim().equals("0") ? 0L : new ByteSize().convert(value);
        }
    }

    /** Sets the transport options on a scan. */
    void applyTo(ScanSpec.Builder spec, Map<String, String> environment) {
        spec.transport(settings(environment));
    }

    /** The options as one value: for a scan, and for the commands that build their HTTP clients without one ({@code db}). */
    TransportSettings settings(Map<String, String> environment) {
        TransportSettings settings = TransportSettings.defaults();
        if (connectTimeout != null || readTimeout != null) {
            settings = settings.withTimeouts(connectTimeout != null ? positive(connectTimeout, "--registry-timeout") : settings.connectTimeout(),
                    readTimeout != null ? positive(readTimeout, "--registry-read-timeout") : settings.readTimeout());
        }
        if (retries != null) {
            if (retries < 0) {
                throw new InputException("--registry-retries must be zero or more, got " + retries);
            }
            settings = settings.withRetryPolicy(RetryPolicy.retries(retries));
        }
        if (minTransferRate != null) {
            settings = settings.withMinTransferRate(minTransferRate, settings.rateWindow());
        }
        if (transferDeadline != null) {
            settings = settings.withTransferDeadline(positive(transferDeadline, "--transfer-deadline"));
        }
        return settings.withProxy(proxy(environment).orElse(null));
    }

    /** A zero duration parses, but as a timeout it would fail every request: the user's input error, exit 3. */
    private static Duration positive(Duration value, String option) {
        if (value.isZero() || value.isNegative()) {
            throw new InputException(option + " must be more than zero");
        }
        return value;
    }

    /** --proxy, else the environment's; user info in the URL becomes the proxy's credentials and leaves the URL. */
    Optional<ProxySettings> proxy(Map<String, String> environment) {
        String source = proxy != null ? "--proxy" : null;
        String url = proxy;
        for (String variable : PROXY_VARIABLES) {
            if (url == null && environment.get(variable) != null && !environment.get(variable).isBlank()) {
                url = environment.get(variable);
                source = "$" + variable;
            }
        }
        if (url == null || url.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        String bypass = noProxy;
        for (String variable : NO_PROXY_VARIABLES) {
            if (bypass == null && environment.get(variable) != null) {
                bypass = environment.get(variable);
            }
        }
        URI uri;
        try {
            // A bare host:port (as many HTTPS_PROXY values are) means an http:// proxy.
            uri = new URI(url.contains("://") ? url.trim() : "http://" + url.trim());
        } catch (URISyntaxException e) {
            throw new InputException(source + " is not a URL (expected http://HOST:PORT)");
        }
        String userInfo = uri.getRawUserInfo();
        ProxySettings settings;
        try {
            URI withoutUserInfo = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
            settings = ProxySettings.of(withoutUserInfo, bypass == null ? List.of() : List.of(bypass));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // The message of either names the URL, which may hold the proxy password: say only what is wrong.
            throw new InputException(source + " must be http://HOST:PORT or https://HOST:PORT, with an optional USER:PASSWORD@");
        }
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            String password = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
            settings = settings.withCredentials(user, Secret.of(password));
        }
        return Optional.of(settings);
    }
}
