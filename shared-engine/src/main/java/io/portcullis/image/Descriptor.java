package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI content descriptor: what a manifest or index says about a blob it points at.
 *
 * @param mediaType may be null in old layouts that omit it
 * @param size stated size in bytes
 * @param platform only on index entries, null when absent
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform, Map<String, String> annotations) {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** The tag an OCI layout gives this entry, or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }

    static Descriptor fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new InputException(source + ": descriptor is missing or not an object");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InputException(source + ": descriptor " + node.path("digest").asText() + " has no valid size");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(
                text(node, "mediaType"),
                ImageJson.digest(text(node, "digest"), source),
                size.asLong(),
                platform(node.get("platform"), source),
                annotations);
    }

    private static Platform platform(JsonNode node, String source) {
        if (node == null || node.isNull()) {
            return null;
        }
        String os = text(node, "os");
        String architecture = text(node, "architecture");
        if (os == null || architecture == null) {
            throw new InputException(source + ": platform without os or architecture: " + node);
        }
        return new Platform(os, architecture, text(node, "variant"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
