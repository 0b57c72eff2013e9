package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.util.ArrayList;
import java.util.List;

/** An OCI image manifest or Docker schema 2 manifest: one config and its layers, bottom first. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {

    public ImageManifest {
        layers = List.copyOf(layers);
    }

    public static ImageManifest parse(byte[] json, String source) {
        JsonNode root = ImageJson.parse(json, source);
        return fromJson(root, Descriptor.text(root, "mediaType"), source);
    }

    static ImageManifest fromJson(JsonNode root, String mediaType, String source) {
        JsonNode layers = root.get("layers");
        if (root.path("schemaVersion").asInt() != 2 || !root.has("config") || layers == null || !layers.isArray()) {
            throw new InputException(source + ": not an image manifest (needs schemaVersion 2, config and a layers array)");
        }
        List<Descriptor> descriptors = new ArrayList<>();
        layers.forEach(l -> descriptors.add(Descriptor.fromJson(l, source)));
        return new ImageManifest(mediaType, Descriptor.fromJson(root.get("config"), source), descriptors);
    }

    /** Whether a JSON document without a media type looks like a manifest rather than an index. */
    public static boolean looksLikeManifest(byte[] json, String source) {
        JsonNode root = ImageJson.parse(json, source);
        return root.has("config") && root.has("layers");
    }
}
