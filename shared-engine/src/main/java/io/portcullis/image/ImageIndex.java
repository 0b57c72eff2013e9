package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.util.ArrayList;
import java.util.List;

/** An OCI image index or Docker manifest list (also the shape of an OCI layout's index.json). */
public record ImageIndex(String mediaType, List<Descriptor> manifests) implements Manifest {

    public ImageIndex {
        manifests = List.copyOf(manifests);
    }

    public static ImageIndex parse(byte[] json, String source) {
        JsonNode root = ImageJson.parse(json, source);
        return fromJson(root, Descriptor.text(root, "mediaType"), source);
    }

    static ImageIndex fromJson(JsonNode root, String mediaType, String source) {
        JsonNode manifests = root.get("manifests");
        if (root.path("schemaVersion").asInt() != 2 || manifests == null || !manifests.isArray()) {
            throw new InputException(source + ": not an image index (needs schemaVersion 2 and a manifests array)");
        }
        List<Descriptor> descriptors = new ArrayList<>();
        manifests.forEach(m -> descriptors.add(Descriptor.fromJson(m, source)));
        return new ImageIndex(mediaType, descriptors);
    }
}
