package io.portcullis.image.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.image.ImageReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials by registry host. Each entry belongs to exactly one registry (host[:port] as the
 * image reference names it; Docker Hub's aliases all count as "docker.io"), and the client only
 * ever sends an entry to that registry.
 */
public final class RegistryCredentials {

    public static final String USERNAME_VARIABLE = "PORTCULLIS_REGISTRY_USERNAME";
    public static final String PASSWORD_VARIABLE = "PORTCULLIS_REGISTRY_PASSWORD";

    private static final RegistryCredentials NONE = new RegistryCredentials(Map.of(), host -> Optional.empty());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Credentials> byHost;
    /** Asked for hosts {@link #byHost} lacks: how credentials a host application passes in are reached. */
    private final Function<String, Optional<Credentials>> lookup;

    private RegistryCredentials(Map<String, Credentials> byHost) {
        this(byHost, host -> Optional.empty());
    }

    private RegistryCredentials(Map<String, Credentials> byHost, Function<String, Optional<Credentials>> lookup) {
        this.byHost = Map.copyOf(byHost);
        this.lookup = lookup;
    }

    /** Credentials looked up by normalised host[:port] when asked for. */
    public static RegistryCredentials lookingUp(Function<String, Optional<Credentials>> lookup) {
        return new RegistryCredentials(Map.of(), lookup);
    }

    public static RegistryCredentials none() {
        return NONE;
    }

    /** One registry's credentials, e.g. from {@code --username/--password}. */
    public static RegistryCredentials of(String registry, Credentials credentials) {
        return new RegistryCredentials(Map.of(normaliseHost(registry), credentials));
    }

    /**
     * {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE}, taken as the credentials of the
     * one registry being scanned and of no other.
     */
    public static RegistryCredentials fromEnvironment(Map<String, String> environment, String registry) {
        String username = environment.get(USERNAME_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (username == null && password == null) {
            return NONE;
        }
        if (username == null || password == null) {
            throw new InputException((username == null ? USERNAME_VARIABLE : PASSWORD_VARIABLE)
                    + " is not set but " + (username == null ? PASSWORD_VARIABLE : USERNAME_VARIABLE)
                    + " is: set both or neither");
        }
        return of(registry, new Credentials(username, password));
    }

    /**
     * The {@code auths} section of a Docker client config file. A missing file means no
     * credentials. Entries that hold only an identity token or that defer to a credential helper
     * are left out (see docs/registry.md).
     */
    public static RegistryCredentials fromDockerConfig(Path configJson) {
        byte[] content;
        try {
            content = Files.readAllBytes(configJson);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new InputException("cannot read Docker config " + configJson + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text, which may be a secret: give only the place.
            JsonLocation where = e.getLocation();
            throw new InputException("cannot read Docker config " + configJson + ": malformed JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr()));
        } catch (IOException e) {
            throw new InputException("cannot read Docker config " + configJson + ": " + e.getMessage(), e);
        }
        JsonNode auths = root == null ? null : root.get("auths");
        if (auths == null || !auths.isObject()) {
            return NONE;
        }
        Map<String, Credentials> byHost = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            dockerConfigEntry(configJson, entry.getKey(), entry.getValue())
                    .ifPresent(credentials -> byHost.putIfAbsent(normaliseHost(entry.getKey()), credentials));
        }
        return new RegistryCredentials(byHost);
    }

    /**
     * What a scan uses when the user gives no explicit credentials: the environment variables for
     * the scanned registry, else the Docker config ({@code $DOCKER_CONFIG/config.json}, else
     * {@code ~/.docker/config.json}).
     */
    public static RegistryCredentials defaults(ImageReference image, Map<String, String> environment, Path home) {
        return defaults(image.registry(), environment, home);
    }

    /** As {@link #defaults(ImageReference, Map, Path)}, for the registry host[:port] itself. */
    public static RegistryCredentials defaults(String registry, Map<String, String> environment, Path home) {
        String dockerConfigDir = environment.get("DOCKER_CONFIG");
        Path configJson = dockerConfigDir != null && !dockerConfigDir.isEmpty()
                ? Path.of(dockerConfigDir, "config.json")
                : home.resolve(".docker").resolve("config.json");
        return fromEnvironment(environment, registry).orElse(fromDockerConfig(configJson));
    }

    /** These credentials, and for hosts they lack, the fallback's. */
    public RegistryCredentials orElse(RegistryCredentials fallback) {
        Map<String, Credentials> merged = new LinkedHashMap<>(fallback.byHost);
        merged.putAll(byHost);
        Function<String, Optional<Credentials>> first = lookup;
        return new RegistryCredentials(merged, host -> first.apply(host).or(() -> fallback.lookup.apply(host)));
    }

    /** The credentials given for this registry host[:port], if any. */
    public Optional<Credentials> forHost(String host) {
        String normalised = normaliseHost(host);
        Credentials given = byHost.get(normalised);
        return given != null ? Optional.of(given) : lookup.apply(normalised);
    }

    private static Optional<Credentials> dockerConfigEntry(Path file, String key, JsonNode entry) {
        String auth = text(entry, "auth");
        if (auth != null && !auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InputException("cannot read Docker config " + file + ": the \"auth\" of \"" + key + "\" is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new InputException("cannot read Docker config " + file + ": the \"auth\" of \"" + key
                        + "\" does not decode to username:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String username = text(entry, "username");
        String password = text(entry, "password");
        if (username != null && password != null) {
            return Optional.of(new Credentials(username, password));
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** "https://index.docker.io/v1/" → "docker.io", "HTTPS://Quay.io/" → "quay.io". */
    static String normaliseHost(String key) {
        String host = key.trim().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageReference.DOCKER_HUB;
            default -> host;
        };
    }

    @Override
    public String toString() {
        return "RegistryCredentials" + byHost.keySet();
    }
}
