package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.image.registry.RegistryCredentials;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How to reach registries: the same flags wherever Portcullis talks to one (images, OSV artifacts). */
final class RegistryAccessOptions {

    @Option(names = "--username", description = "Registry user name (the password comes from --password-stdin or PORTCULLIS_REGISTRY_PASSWORD).")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--docker-config", paramLabel = "FILE", description = "Docker config.json to take registry credentials from (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
    Path dockerConfig;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Registry reached over plain HTTP (repeatable).")
    List<String> insecureRegistries = List.of();

    @Option(names = "--registry-ca-file", paramLabel = "PEM", description = "Extra CA certificates to trust for registries.")
    Path caFile;

    @Mixin
    TransportOptions transport = new TransportOptions();

    boolean explicitCredentials() {
        return username != null || passwordStdin;
    }

    /**
     * The credentials for {@code registries} as the command line finds them (see {@link CliCredentials}).
     * The password is read now: from standard input with --password-stdin (so it stays out of process
     * lists), else from the environment.
     */
    CliCredentials credentials(List<String> registries, InputStream stdin, Map<String, String> environment, Path home) throws IOException {
        if (passwordStdin && username == null) {
            throw new InputException("--password-stdin needs --username");
        }
        String password = passwordStdin ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip()
                : username == null ? null : environment.get(RegistryCredentials.PASSWORD_VARIABLE);
        return new CliCredentials(registries, username, password, dockerConfig, environment, home);
    }
}
