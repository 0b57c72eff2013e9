package io.portcullis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Small images written byte by byte, for inputs no real tool would produce: a docker-archive
 * (manifest.json, config with the layer's true diffID, one layer) and an OCI layout with a layer
 * media type of our choosing.
 */
final class HandMadeImages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HandMadeImages() {
    }

    /** Entries of one layer tar. */
    static final class LayerTar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        LayerTar() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        LayerTar file(String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        }

        LayerTar file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        LayerTar symlink(String name, String target) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            entry.setLinkName(target);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        }
    }

    /**
     * A docker-archive at {@code file} whose one layer is {@code layer} (stored gzip-compressed when
     * {@code gzip}); the config's diffID is the digest of the uncompressed layer, as Docker writes it.
     */
    static Path dockerArchive(Path file, byte[] layer, boolean gzip) throws IOException {
        ObjectNode config = MAPPER.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + AlpineSbomCliTest.sha256(layer));
        byte[] configBytes = MAPPER.writeValueAsBytes(config);
        String layerName = "layer/layer.tar" + (gzip ? ".gz" : "");
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"handmade:1\"],\"Layers\":[\"" + layerName + "\"]}]";
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            entry(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
            entry(tar, "config.json", configBytes);
            entry(tar, layerName, gzip ? gzip(layer) : layer);
        }
        return file;
    }

    /** An OCI layout dir, tag "latest", with one layer blob declared with {@code layerMediaType}. */
    static Path ociLayout(Path dir, byte[] layer, String layerMediaType) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        String layerDigest = blob(dir, layer);
        ObjectNode config = MAPPER.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + AlpineSbomCliTest.sha256(layer));
        byte[] configBytes = MAPPER.writeValueAsBytes(config);
        String configDigest = blob(dir, configBytes);
        ObjectNode manifest = MAPPER.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest).put("size", configBytes.length);
        manifest.putArray("layers").addObject().put("mediaType", layerMediaType).put("digest", layerDigest).put("size", layer.length);
        byte[] manifestBytes = MAPPER.writeValueAsBytes(manifest);
        String manifestDigest = blob(dir, manifestBytes);
        ObjectNode index = MAPPER.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", manifestDigest).put("size", manifestBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
        Files.write(dir.resolve("index.json"), MAPPER.writeValueAsBytes(index));
        return dir;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        String hex = AlpineSbomCliTest.sha256(content);
        Files.write(layout.resolve("blobs/sha256").resolve(hex), content);
        return "sha256:" + hex;
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
