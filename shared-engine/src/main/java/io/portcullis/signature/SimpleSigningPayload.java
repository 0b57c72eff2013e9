package io.portcullis.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The signed document of a cosign signature ("simple signing" JSON, as Red Hat's containers/image defined it): the
 * claims under {@code critical} say which manifest digest was signed, of which type, and for which repository.
 *
 * @param manifestDigest {@code critical.image.docker-manifest-digest}
 * @param type {@code critical.type}; {@value #COSIGN_TYPE} for cosign
 * @param dockerReference {@code critical.identity.docker-reference}, or null
 */
public record SimpleSigningPayload(String manifestDigest, String type, String dockerReference) {

    public static final String COSIGN_TYPE = "cosign container image signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The claims of {@code payload}, or empty when it is not JSON or has no {@code critical.image.docker-manifest-digest}. */
    public static Optional<SimpleSigningPayload> parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode critical = root.path("critical");
        JsonNode digest = critical.path("image").path("docker-manifest-digest");
        if (!digest.isTextual()) {
            return Optional.empty();
        }
        JsonNode type = critical.path("type");
        JsonNode reference = critical.path("identity").path("docker-reference");
        return Optional.of(new SimpleSigningPayload(digest.asText(), type.isTextual() ? type.asText() : null,
                reference.isTextual() ? reference.asText() : null));
    }
}
