package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.engine.RegistryCredential;
import io.portcullis.engine.RegistryCredentials;
import io.portcullis.engine.Secret;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * A Docker Registry service connection ({@code connectedService:dockerregistry}) as the agent passes
 * it: {@code ENDPOINT_URL_<ID>}, {@code ENDPOINT_AUTH_<ID>} (JSON with {@code scheme} and
 * {@code parameters}) and {@code ENDPOINT_AUTH_PARAMETER_<ID>_USERNAME / _PASSWORD / _REGISTRY}.
 * The credential is bound to the connection's registry, so the engine sends it to no other host.
 *
 * @param registry the registry the credentials belong to, as the connection names it ("https://index.docker.io/v1/")
 */
record RegistryServiceConnection(String id, String registry, String username, String password) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RegistryServiceConnection read(TaskEnvironment env, String id) {
        String key = id.toUpperCase(Locale.ROOT);
        JsonNode auth = env.raw("ENDPOINT_AUTH_" + key).map(RegistryServiceConnection::parse).orElse(null);
        String username = parameter(env, auth, key, "username").orElse(null);
        String password = parameter(env, auth, key, "password").orElse(null);
        String registry = parameter(env, auth, key, "registry").or(() -> env.raw("ENDPOINT_URL_" + key)).orElse(null);
        if (registry == null) {
            throw new TaskInputException("service connection " + id + " has no registry URL (ENDPOINT_URL_" + key + " is not set)");
        }
        if (username == null || password == null) {
            throw new TaskInputException("service connection " + id + " has no user name and password");
        }
        return new RegistryServiceConnection(id, registry, username, password);
    }

    RegistryCredentials credentials() {
        try {
            return RegistryCredentials.of(RegistryCredential.basic(registry, username, Secret.of(password)));
        } catch (IllegalArgumentException e) {
            throw new TaskInputException("service connection " + id + " names no usable registry: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RegistryServiceConnection[id=" + id + ", registry=" + registry + ", username=" + username + ", password=****]";
    }

    private static Optional<String> parameter(TaskEnvironment env, JsonNode auth, String key, String name) {
        Optional<String> flat = env.raw("ENDPOINT_AUTH_PARAMETER_" + key + "_" + name.toUpperCase(Locale.ROOT));
        if (flat.isPresent() || auth == null) {
            return flat;
        }
        JsonNode value = auth.path("parameters").path(name);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new TaskInputException("the service connection's authorization is not JSON");
        }
    }
}
