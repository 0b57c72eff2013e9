package io.portcullis.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;

import java.io.IOException;
import java.io.InputStream;

/** Reads the small JSON documents of an image (manifests, indexes, configs) with a size bound. */
public final class ImageJson {

    /**
     * Larger than any real manifest or config (registries cap manifests at 4 MiB), small enough
     * that a hostile document cannot exhaust memory.
     */
    public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageJson() {
    }

    /** Reads at most {@link #MAX_DOCUMENT_BYTES} from {@code in}; {@code source} names the document in errors. */
    public static byte[] readBounded(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new InputException(source + ": larger than " + MAX_DOCUMENT_BYTES + " bytes, not an image manifest or config");
        }
        return bytes;
    }

    /** Parses a digest found in {@code source}; anything but sha256:<64 hex> or sha512:<128 hex> is an error naming it. */
    public static Digest digest(String text, String source) {
        return Digest.parse(text).orElseThrow(() -> new InputException(
                source + ": invalid or unsupported digest '" + text + "' (expected sha256:<64 hex> or sha512:<128 hex>)"));
    }

    public static JsonNode parse(byte[] json, String source) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InputException(source + ": empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InputException(source + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(source + ": unreadable JSON: " + e.getMessage());
        }
    }
}
