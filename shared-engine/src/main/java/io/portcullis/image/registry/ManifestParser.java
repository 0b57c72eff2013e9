package io.portcullis.image.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.image.Digest;
import io.portcullis.image.Platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads manifest documents and image configs into the model, rejecting what a scan cannot use. */
final class ManifestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * @param contentType the response's Content-Type, used when the document does not name its own media type
     * @param what the image, for error messages
     */
    static Manifest parseManifest(byte[] body, String contentType, Digest digest, String what) {
        JsonNode root = readJson(body, "manifest of " + what);
        String mediaType = text(root, "mediaType");
        if (mediaType == null) {
            mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
        }
        if (mediaType == null || mediaType.isEmpty() || mediaType.equals("application/json")) {
            // OCI allows the field to be left out; the shape then tells which document this is.
            mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : root.has("layers") ? MediaTypes.OCI_MANIFEST : "(none)";
        }
        if (MediaTypes.INDEXES.contains(mediaType)) {
            List<Descriptor> manifests = descriptors(root.get("manifests"), "manifests", what);
            return new ImageIndex(mediaType, digest, manifests);
        }
        if (MediaTypes.MANIFESTS.contains(mediaType)) {
            JsonNode config = root.get("config");
            if (config == null || !config.isObject()) {
                throw new InputException("manifest of " + what + " has no config descriptor");
            }
            return new ImageManifest(mediaType, digest, descriptor(config, "config", what),
                    descriptors(root.get("layers"), "layers", what));
        }
        throw new InputException("unsupported manifest media type '" + mediaType + "' for " + what
                + ": expected an OCI image index or manifest, or a Docker v2 manifest list or schema 2 manifest");
    }

    /** The parts of an image config blob a scan needs. */
    static ImageConfig parseConfig(byte[] body, String what) {
        JsonNode root = readJson(body, "config of " + what);
        String os = text(root, "os");
        String architecture = text(root, "architecture");
        Platform platform = os == null || architecture == null ? null : new Platform(os, architecture, text(root, "variant"));
        JsonNode diffIds = root.path("rootfs").path("diff_ids");
        if (!diffIds.isArray()) {
            throw new InputException("config of " + what + " has no rootfs.diff_ids");
        }
        List<Digest> ids = new ArrayList<>();
        for (JsonNode id : diffIds) {
            ids.add(Digest.parse(id.asText())
                    .orElseThrow(() -> new InputException("config of " + what + " has an invalid diff_id '" + id.asText() + "'")));
        }
        return new ImageConfig(platform, ids);
    }

    private static List<Descriptor> descriptors(JsonNode array, String field, String what) {
        if (array == null || !array.isArray()) {
            throw new InputException("manifest of " + what + " has no '" + field + "' array");
        }
        List<Descriptor> result = new ArrayList<>();
        for (JsonNode node : array) {
            result.add(descriptor(node, field, what));
        }
        return result;
    }

    private static Descriptor descriptor(JsonNode node, String field, String what) {
        String digestText = text(node, "digest");
        Digest digest = Digest.parse(digestText).orElseThrow(() -> new InputException(
                "manifest of " + what + " has an invalid digest '" + digestText + "' in '" + field + "'"));
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InputException("manifest of " + what + " has a descriptor without a valid size in '" + field + "'");
        }
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null && p.isObject() && text(p, "os") != null && text(p, "architecture") != null) {
            platform = new Platform(text(p, "os"), text(p, "architecture"), text(p, "variant"));
        }
        return new Descriptor(text(node, "mediaType"), digest, size.asLong(), platform);
    }

    private static JsonNode readJson(byte[] body, String what) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InputException(what + " is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InputException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
