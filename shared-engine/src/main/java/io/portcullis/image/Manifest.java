package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

/** A manifest document: either one image's manifest or an index of per-platform manifests. */
public sealed interface Manifest permits ImageManifest, ImageIndex {

    String mediaType();

    /**
     * Reads a manifest document served for {@code image}, rejecting what a scan cannot use (Docker
     * schema 1 above all). The document's own {@code mediaType} says which kind it is; where it has
     * none, {@code declaredMediaType} (a response's Content-Type) does; where that is missing or
     * plain JSON, its shape does, as OCI allows the field to be left out.
     *
     * @param declaredMediaType may be null, and may carry parameters ({@code ; charset=...})
     */
    static Manifest parse(byte[] json, String declaredMediaType, String image) {
        String source = "manifest of " + image;
        JsonNode root = ImageJson.parse(json, source);
        String mediaType = Descriptor.text(root, "mediaType");
        if (mediaType == null) {
            mediaType = declaredMediaType == null ? null : declaredMediaType.split(";", 2)[0].trim();
        }
        if (mediaType == null || mediaType.isEmpty() || mediaType.equals("application/json")) {
            mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : root.has("layers") ? MediaTypes.OCI_MANIFEST : "(none)";
        }
        if (MediaTypes.isIndex(mediaType)) {
            return ImageIndex.fromJson(root, mediaType, source);
        }
        if (MediaTypes.isManifest(mediaType)) {
            return ImageManifest.fromJson(root, mediaType, source);
        }
        throw new InputException("unsupported manifest media type '" + mediaType + "' for " + image
                + ": expected an OCI image index or manifest, or a Docker v2 manifest list or schema 2 manifest");
    }
}
