package io.portcullis.image.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.image.ImageReference;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a registry's 401 challenge with an Authorization value: Basic with the registry's own
 * credentials, or a bearer token from the realm the challenge names (Docker's token protocol).
 *
 * <p>Unlike the Docker CLI, which sends a registry's credentials to whatever realm the registry
 * names, credentials go to the realm only when the realm is the registry's own origin (scheme, host
 * and port), or over HTTPS on port 443 a parent domain of it (registry.gitlab.com → gitlab.com) or
 * Docker Hub's auth.docker.io for docker.io. A challenge is unauthenticated
 * data: on a plain-HTTP registry anyone on the path can rewrite it, and a registry that redirects
 * or proxies for another could name any host. Whoever controls a parent domain can already take
 * the registry's name, so it learns nothing new. Other realms get an anonymous token request.
 */
final class TokenService {

    /** Docker's token spec: a token without expires_in lives 60 seconds. */
    private static final long DEFAULT_LIFETIME_SECONDS = 60;
    private static final long MAX_TOKEN_RESPONSE_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param authorization the Authorization header value
     * @param lifetimeSeconds how long it may be reused, -1 for ever
     * @param note appended to an authentication failure message to say what was (not) sent
     */
    record Grant(String authorization, long lifetimeSeconds, String note) {
    }

    private final RegistryTransport transport;
    private final RegistryOptions options;

    TokenService(RegistryTransport transport, RegistryOptions options) {
        this.transport = transport;
        this.options = options;
    }

    Grant authorize(List<AuthChallenge> challenges, ImageReference image, String scope) throws IOException {
        Optional<Credentials> credentials = options.credentials().forHost(image.registry());
        for (AuthChallenge challenge : challenges) {
            if (challenge.isBearer() && challenge.parameter("realm") != null) {
                return bearer(challenge, image, scope, credentials);
            }
        }
        for (AuthChallenge challenge : challenges) {
            if (challenge.isBasic()) {
                if (credentials.isEmpty()) {
                    throw RegistryTransport.authenticationFailed(image.registry(), 401, noCredentials(image));
                }
                return new Grant(credentials.get().basicAuthorization(), -1, " (the credentials given for " + image.registry() + " were refused)");
            }
        }
        String schemes = challenges.isEmpty() ? "none" : challenges.stream().map(AuthChallenge::scheme).distinct().toList().toString();
        throw RegistryTransport.authenticationFailed(image.registry(), 401, " (unsupported authentication challenge: " + schemes + ")");
    }

    private Grant bearer(AuthChallenge challenge, ImageReference image, String ourScope, Optional<Credentials> credentials)
            throws IOException {
        String realmText = challenge.parameter("realm");
        HttpUrl realm = HttpUrl.parse(realmText);
        if (realm == null) {
            throw new InputException(image.registry() + " named an invalid token realm '" + realmText + "'");
        }
        HttpUrl.Builder url = realm.newBuilder();
        if (challenge.parameter("service") != null) {
            url.addQueryParameter("service", challenge.parameter("service"));
        }
        String scope = challenge.parameter("scope") != null ? challenge.parameter("scope") : ourScope;
        url.addQueryParameter("scope", scope);

        boolean send = credentials.isPresent() && mayReceiveCredentials(realm, image, options);
        String withheld = credentials.isPresent() && !send
                ? " (credentials for " + image.registry() + " were not sent to token service " + realm.host()
                  + realmPort(realm) + ", which is neither that registry's own scheme, host and port nor a parent domain of it over HTTPS on port 443;"
                  + " see docs/registry.md)"
                : "";
        String note = send ? " (the credentials given for " + image.registry() + " were refused)"
                : credentials.isEmpty() ? noCredentials(image) : withheld;

        try (Response response = transport.send(url.build(), Headers.of("Accept", "application/json"),
                send ? credentials.get().basicAuthorization() : null, image.registry())) {
            if (response.code() == 401 || response.code() == 403) {
                throw RegistryTransport.authenticationFailed(image.registry(), response.code(),
                        " from token service " + realm.host() + note);
            }
            if (!response.isSuccessful()) {
                throw new InputException("token service " + realm.host() + " for " + image.registry() + " answered "
                        + response.code() + " " + RegistryTransport.reason(response.code()));
            }
            JsonNode body = readToken(response, realm.host());
            String token = body.path("token").asText("");
            if (token.isEmpty()) {
                token = body.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new InputException("token service " + realm.host() + " for " + image.registry() + " returned no token");
            }
            long lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                    ? body.path("expires_in").asLong() : DEFAULT_LIFETIME_SECONDS;
            return new Grant("Bearer " + token, lifetime, note);
        }
    }

    private static JsonNode readToken(Response response, String realmHost) throws IOException {
        byte[] content = RegistryTransport.readBody(response, MAX_TOKEN_RESPONSE_BYTES, "token response of " + realmHost);
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !node.isObject()) {
                throw new InputException("token service " + realmHost + " returned no JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's message would quote the body, which holds a token.
            throw new InputException("token service " + realmHost + " returned malformed JSON");
        }
    }

    /**
     * Credentials go to the exact origin they were given for: the realm on the registry's own host must also have the
     * registry's scheme and port (another port on the same host is another service, maybe another user's). A parent
     * domain, or Docker Hub's auth.docker.io, must be HTTPS on the standard port.
     */
    static boolean mayReceiveCredentials(HttpUrl realm, ImageReference image, RegistryOptions options) {
        String realmHost = realm.host().toLowerCase(Locale.ROOT);
        HttpUrl registry = HttpUrl.get(RegistryTransport.baseUrl(image, options));
        for (String registryHostPort : List.of(image.registry(), image.apiHost())) {
            HttpUrl origin = registry.newBuilder().host(hostOnly(registryHostPort)).port(port(registryHostPort, registry)).build();
            if (realmHost.equals(origin.host())) {
                return realm.scheme().equals(origin.scheme()) && realm.port() == origin.port();
            }
        }
        boolean standardHttps = realm.isHttps() && realm.port() == 443;
        for (String registryHostPort : List.of(image.registry(), image.apiHost())) {
            if (realmHost.contains(".") && hostOnly(registryHostPort).endsWith("." + realmHost)) {
                return standardHttps;
            }
        }
        return image.registry().equals(ImageReference.DOCKER_HUB) && realmHost.equals("auth.docker.io") && standardHttps;
    }

    private static String realmPort(HttpUrl realm) {
        return realm.port() == HttpUrl.defaultPort(realm.scheme()) ? "" : ":" + realm.port();
    }

    /** The port of "host[:port]", or the scheme's default that {@code base} already has. */
    private static int port(String hostPort, HttpUrl base) {
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        return colon > close ? Integer.parseInt(hostPort.substring(colon + 1)) : HttpUrl.defaultPort(base.scheme());
    }

    private static String hostOnly(String hostPort) {
        String host = hostPort.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.substring(1, host.indexOf(']'));
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String noCredentials(ImageReference image) {
        return " (no credentials for " + image.registry() + ": give --username/--password, set "
                + RegistryCredentials.USERNAME_VARIABLE + "/" + RegistryCredentials.PASSWORD_VARIABLE + ", or docker login)";
    }
}
