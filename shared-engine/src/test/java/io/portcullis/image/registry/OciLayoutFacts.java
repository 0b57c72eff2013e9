package io.portcullis.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What umoci and the build script wrote into an OCI layout, read straight from its JSON files:
 * the expected values for what the client pulls back after skopeo pushed the layout.
 */
record OciLayoutFacts(String manifestDigest, String configDigest, List<String> layerDigests) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OciLayoutFacts of(Path layout, String tag) throws IOException {
        String manifestDigest = taggedDigest(layout, tag);
        JsonNode manifest = JSON.readTree(blob(layout, manifestDigest).toFile());
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
        return new OciLayoutFacts(manifestDigest, manifest.path("config").path("digest").asText(), layers);
    }

    static String taggedDigest(Path layout, String tag) throws IOException {
        for (JsonNode descriptor : JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
            if (tag.equals(descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                return descriptor.path("digest").asText();
            }
        }
        throw new AssertionError("no tag " + tag + " in " + layout);
    }

    static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    static byte[] blobBytes(Path layout, String digest) throws IOException {
        return Files.readAllBytes(blob(layout, digest));
    }
}
