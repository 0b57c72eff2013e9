package io.portcullis.engine;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of one registry: a user name and password, or an identity token. The engine
 * sends them to that registry (and its token service) only; {@link #toString()} never shows the secret.
 */
public final class RegistryCredential {

    /** The user name Docker records for an identity-token login; registries accept the token as its password. */
    static final String TOKEN_USERNAME = "<token>";

    private final String registry;
    private final String username;
    private final Secret secret;

    private RegistryCredential(String registry, String username, Secret secret) {
        this.registry = normaliseRegistry(registry);
        this.username = Objects.requireNonNull(username, "username");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** @param registryHostPort the registry as image references name it, e.g. "ghcr.io" or "localhost:5000" */
    public static RegistryCredential basic(String registryHostPort, String username, Secret password) {
        return new RegistryCredential(registryHostPort, username, password);
    }

    /** An identity token (e.g. an Azure Container Registry token), sent as the password of the user {@value #TOKEN_USERNAME}. */
    public static RegistryCredential token(String registryHostPort, Secret identityToken) {
        return new RegistryCredential(registryHostPort, TOKEN_USERNAME, identityToken);
    }

    /** The registry host[:port] these credentials belong to, lower case; Docker Hub's aliases are "docker.io". */
    public String registry() {
        return registry;
    }

    public String username() {
        return username;
    }

    public Secret secret() {
        return secret;
    }

    /** "https://index.docker.io/v1/" → "docker.io", "HTTPS://Quay.io/" → "quay.io". */
    static String normaliseRegistry(String key) {
        String host = Objects.requireNonNull(key, "registry").trim().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty registry name");
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> host;
        };
    }

    static Optional<String> normalisedOrEmpty(String hostPort) {
        return hostPort == null || hostPort.isBlank() ? Optional.empty() : Optional.of(normaliseRegistry(hostPort));
    }

    @Override
    public String toString() {
        return "RegistryCredential[registry=" + registry + ", username=" + username + ", secret=****]";
    }
}
