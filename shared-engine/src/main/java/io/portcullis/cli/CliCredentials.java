package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.RegistryCredential;
import io.portcullis.engine.RegistryCredentials;
import io.portcullis.engine.Secret;
import io.portcullis.image.ImageReference;
import io.portcullis.image.registry.Credentials;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's credential lookup, which the engine itself never does: {@code --username} with
 * {@code --password-stdin} (or {@code PORTCULLIS_REGISTRY_PASSWORD}) for the one registry named,
 * else {@code PORTCULLIS_REGISTRY_USERNAME}/{@code _PASSWORD} for it, else the Docker config
 * ({@code --docker-config}, {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}).
 * Read when a registry first asks, so a scan of a local archive never reads the environment or the Docker config.
 */
final class CliCredentials implements RegistryCredentials {

    private final List<String> registries;
    private final String username;
    private final String password;
    private final Path dockerConfig;
    private final Map<String, String> environment;
    private final Path home;
    private io.portcullis.image.registry.RegistryCredentials resolved;

    /**
     * @param registries the registries explicit credentials belong to (the scanned image's, or the oci:// source's)
     * @param username {@code --username}, or null
     * @param password the password read from standard input or the environment for {@code --username}, or null
     */
    CliCredentials(List<String> registries, String username, String password, Path dockerConfig, Map<String, String> environment, Path home) {
        this.registries = List.copyOf(registries);
        this.username = username;
        this.password = password;
        this.dockerConfig = dockerConfig;
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** The registry of an image argument when it names one ("alpine:3.11", "registry:host/x"), else empty. */
    static Optional<String> registryOf(String image) {
        String reference = image.startsWith("registry:") ? image.substring("registry:".length())
                : image.startsWith("docker://") ? image.substring("docker://".length()) : image;
        try {
            return Optional.of(ImageReference.parse(reference).registry());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<RegistryCredential> forRegistry(String hostPort) {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved.forHost(hostPort).map(c -> {
            char[] password = c.passwordCopy();
            try {
                return RegistryCredential.basic(hostPort, c.username(), Secret.of(password));
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        });
    }

    /** The same lookup as the registry client of {@code db} asks it, without the engine in between. */
    io.portcullis.image.registry.RegistryCredentials forRegistryClient() {
        return io.portcullis.image.registry.RegistryCredentials.lookingUp(host -> {
            synchronized (this) {
                if (resolved == null) {
                    resolved = resolve();
                }
                return resolved.forHost(host);
            }
        });
    }

    private io.portcullis.image.registry.RegistryCredentials resolve() {
        Map<String, String> env = environment;
        if (username != null) {
            // With --username the password already came from PORTCULLIS_REGISTRY_PASSWORD or standard input; read
            // again here, without PORTCULLIS_REGISTRY_USERNAME, it would be refused as a half-set pair.
            env = new HashMap<>(environment);
            env.keySet().removeAll(List.of(io.portcullis.image.registry.RegistryCredentials.USERNAME_VARIABLE,
                    io.portcullis.image.registry.RegistryCredentials.PASSWORD_VARIABLE));
        }
        io.portcullis.image.registry.RegistryCredentials merged = io.portcullis.image.registry.RegistryCredentials.none();
        for (String registry : registries) {
            merged = merged.orElse(dockerConfig == null
                    ? io.portcullis.image.registry.RegistryCredentials.defaults(registry, env, home)
                    : io.portcullis.image.registry.RegistryCredentials.fromEnvironment(env, registry)
                            .orElse(io.portcullis.image.registry.RegistryCredentials.fromDockerConfig(dockerConfig)));
        }
        if (registries.isEmpty() && dockerConfig != null) {
            merged = io.portcullis.image.registry.RegistryCredentials.fromDockerConfig(dockerConfig);
        }
        if (username == null) {
            return merged;
        }
        if (password == null) {
            throw new InputException("--username needs a password: --password-stdin or "
                    + io.portcullis.image.registry.RegistryCredentials.PASSWORD_VARIABLE);
        }
        if (registries.size() != 1) {
            throw new InputException("--username/--password-stdin need exactly one registry; found " + registries.size());
        }
        return io.portcullis.image.registry.RegistryCredentials.of(registries.get(0), new Credentials(username, password)).orElse(merged);
    }

    @Override
    public String toString() {
        return "CliCredentials" + registries;
    }
}
