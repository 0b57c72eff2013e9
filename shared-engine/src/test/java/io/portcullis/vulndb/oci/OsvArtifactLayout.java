package io.portcullis.vulndb.oci;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an OCI image layout holding one OSV zip as an artifact, laid out as the OCI image spec v1.1 describes
 * artifacts (and as {@code oras push} writes them): an {@code artifactType}, the empty config
 * {@code application/vnd.oci.empty.v1+json} ({@code {}}), and the file as the one layer with its title annotation.
 *
 * @param manifestDigest the sha256 digest of the manifest written, for pinned references
 * @param zipDigest the sha256 digest of the zip blob
 */
public record OsvArtifactLayout(Path directory, String tag, String manifestDigest, String zipDigest) {

    public static final String ARTIFACT_TYPE = "application/vnd.portcullis.osv";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static OsvArtifactLayout write(Path directory, Path zip, String layerMediaType, String tag) throws IOException {
        return write(directory, zip, layerMediaType, tag, Map.of());
    }

    /** As {@link #write(Path, Path, String, String)}, with more files as further layers, each with its media type. */
    public static OsvArtifactLayout write(Path directory, Path zip, String layerMediaType, String tag,
                                          Map<Path, String> moreLayers) throws IOException {
        Files.createDirectories(directory.resolve("blobs/sha256"));
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] zipBytes = Files.readAllBytes(zip);
        String configDigest = blob(directory, config);
        String zipDigest = blob(directory, zipBytes);
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(Map.of("mediaType", layerMediaType, "digest", zipDigest, "size", zipBytes.length,
                "annotations", Map.of("org.opencontainers.image.title", zip.getFileName().toString())));
        for (Map.Entry<Path, String> more : moreLayers.entrySet()) {
            byte[] bytes = Files.readAllBytes(more.getKey());
            layers.add(Map.of("mediaType", more.getValue(), "digest", blob(directory, bytes), "size", bytes.length,
                    "annotations", Map.of("org.opencontainers.image.title", more.getKey().getFileName().toString())));
        }
        Map<String, Object> manifest = Map.of(
                "schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "artifactType", ARTIFACT_TYPE,
                "config", Map.of("mediaType", "application/vnd.oci.empty.v1+json", "digest", configDigest, "size", config.length),
                "layers", layers);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = blob(directory, manifestBytes);
        Map<String, Object> index = Map.of(
                "schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.index.v1+json",
                "manifests", List.of(Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json",
                        "artifactType", ARTIFACT_TYPE, "digest", manifestDigest, "size", manifestBytes.length,
                        "annotations", Map.of("org.opencontainers.image.ref.name", tag))));
        Files.write(directory.resolve("index.json"), JSON.writeValueAsBytes(index));
        return new OsvArtifactLayout(directory, tag, manifestDigest, zipDigest);
    }

    private static String blob(Path directory, byte[] content) throws IOException {
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.write(directory.resolve("blobs/sha256").resolve(hex), content);
        return "sha256:" + hex;
    }
}
