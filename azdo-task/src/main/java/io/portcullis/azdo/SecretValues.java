package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every secret the runner was handed, to be registered with {@code task.setsecret} before anything
 * else is printed: service connection passwords and tokens, the agent's proxy password and the
 * job's access token. The agent masks line by line, so a multi-line secret is registered as its lines.
 */
final class SecretValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECRET_PARAMETERS = Set.of("PASSWORD", "APITOKEN", "ACCESSTOKEN", "SERVICEPRINCIPALKEY");

    private SecretValues() {
    }

    static Set<String> in(Map<String, String> env) {
        Set<String> secrets = new LinkedHashSet<>();
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey().toUpperCase(Locale.ROOT);
            String value = entry.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (name.equals("SYSTEM_ACCESSTOKEN") || name.equals("AGENT_PROXYPASSWORD")) {
                addLines(secrets, value);
            } else if (name.startsWith("ENDPOINT_AUTH_PARAMETER_")) {
                if (SECRET_PARAMETERS.contains(name.substring(name.lastIndexOf('_') + 1))) {
                    addLines(secrets, value);
                }
            } else if (name.startsWith("ENDPOINT_AUTH_") && !name.startsWith("ENDPOINT_AUTH_SCHEME_")) {
                addFromAuthorization(secrets, value);
            }
        }
        return secrets;
    }

    private static void addFromAuthorization(Set<String> secrets, String json) {
        try {
            JsonNode parameters = JSON.readTree(json).path("parameters");
            parameters.fields().forEachRemaining(field -> {
                if (SECRET_PARAMETERS.contains(field.getKey().toUpperCase(Locale.ROOT)) && field.getValue().isTextual()) {
                    addLines(secrets, field.getValue().asText());
                }
            });
        } catch (IOException notJson) {
            // Not an authorization object: the whole value is treated as the secret it probably is.
            addLines(secrets, json);
        }
    }

    private static void addLines(Set<String> secrets, String value) {
        for (String line : value.split("\r\n|\r|\n")) {
            if (!line.isBlank()) {
                secrets.add(line);
            }
        }
    }
}
