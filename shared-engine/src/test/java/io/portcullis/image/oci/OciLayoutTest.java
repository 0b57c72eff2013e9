package io.portcullis.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Layer;
import io.portcullis.image.MediaTypes;
import io.portcullis.image.Platform;
import io.portcullis.image.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.portcullis.image.TestImages.json;
import static io.portcullis.image.TestImages.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciLayoutTest {

    @TempDir
    Path work;

    Path plainArchive;
    Path layout;
    Path temp;
    ImageSourceOptions options;

    @BeforeEach
    void copyTheRealArchiveWithSkopeo() throws Exception {
        temp = Files.createDirectory(work.resolve("temp"));
        options = ImageSourceOptions.defaults().withTempDir(temp);
        plainArchive = TestImages.plainAlpineArchive(work);
        layout = work.resolve("layout");
        TestImages.run("skopeo", "copy", "-q", "docker-archive:" + plainArchive, "oci:" + layout + ":3.11");
    }

    private void addUncompressedCopyTagged(String tag) throws Exception {
        TestImages.run("skopeo", "copy", "-q", "--dest-oci-accept-uncompressed-layers", "docker-archive:" + plainArchive, "oci:" + layout + ":" + tag);
    }

    @Test
    void readsTheLayoutSkopeoWritesFromTheRealDockerSave() throws Exception {
        byte[] rawManifest = TestImages.run("skopeo", "inspect", "--raw", "oci:" + layout + ":3.11");
        JsonNode manifest = json(rawManifest);
        JsonNode config = json(TestImages.run("skopeo", "inspect", "--config", "oci:" + layout + ":3.11"));
        JsonNode archiveConfig = json(TestImages.run("skopeo", "inspect", "--config", "docker-archive:" + plainArchive));

        try (Image image = OciLayout.open(layout, null, options)) {
            ImageMetadata metadata = image.metadata();
            assertEquals(sha256(rawManifest), metadata.manifestDigest());
            assertEquals(manifest.at("/config/digest").asText(), metadata.configDigest());
            assertEquals(List.of(manifest.at("/layers/0/digest").asText()), metadata.layerDigests());
            assertEquals(List.of(config.at("/rootfs/diff_ids/0").asText()), metadata.diffIds());
            assertEquals(archiveConfig.at("/rootfs/diff_ids"), config.at("/rootfs/diff_ids"));
            assertEquals(List.of("3.11"), metadata.repoTags());
            assertEquals(new Platform(config.get("os").asText(), config.get("architecture").asText(), null), metadata.platform());

            Layer layer = image.layers().get(0);
            assertEquals(manifest.at("/layers/0/mediaType").asText(), layer.mediaType());
            assertEquals(layer.digest(), TestImages.sha256(layer.open()));
            assertEquals(layer.diffId(), TestImages.sha256(new GZIPInputStream(layer.open())));
        }
    }

    @Test
    void anUncompressedCopyHasTheDockerSaveLayerByteForByte() throws Exception {
        addUncompressedCopyTagged("plain");
        byte[] dockerSaveLayer = TestImages.content(TestImages.alpineEntries(),
                "485d7306187faf0cc9b77fc210e8def9d67b1953f0669e675877e90e6542cb6d/layer.tar");
        try (Image image = OciLayout.open(layout, "plain", options)) {
            Layer layer = image.layers().get(0);
            assertEquals(sha256(dockerSaveLayer), layer.digest());
            assertArrayEquals(dockerSaveLayer, layer.open().readAllBytes());
        }
    }

    @Test
    void selectsAmongSeveralImagesByTagOrDigest() throws Exception {
        addUncompressedCopyTagged("plain");
        String plainDigest = sha256(TestImages.run("skopeo", "inspect", "--raw", "oci:" + layout + ":plain"));
        String gzipDigest = sha256(TestImages.run("skopeo", "inspect", "--raw", "oci:" + layout + ":3.11"));

        InputException ambiguous = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + " holds 2 images; choose one as oci:" + layout + ":TAG or @DIGEST (tags: 3.11, plain)", ambiguous.getMessage());
        try (Image image = OciLayout.open(layout, "plain", options)) {
            assertEquals(plainDigest, image.metadata().manifestDigest());
            assertEquals(List.of("plain"), image.metadata().repoTags());
        }
        try (Image image = OciLayout.open(layout, gzipDigest, options)) {
            assertEquals(List.of("3.11"), image.metadata().repoTags());
            assertEquals("oci:" + layout + "@" + gzipDigest, image.metadata().reference());
        }
        InputException unknown = assertThrows(InputException.class, () -> OciLayout.open(layout, "edge", options));
        assertEquals(layout + " has no image tagged edge (tags: 3.11, plain)", unknown.getMessage());
    }

    @Test
    void readsATarOfTheLayoutPlainOrGzippedAsGnuTarWritesIt() throws Exception {
        Path tar = work.resolve("layout.tar");
        Path tgz = work.resolve("layout.tar.gz");
        TestImages.run("tar", "-C", layout.toString(), "-cf", tar.toString(), ".");
        TestImages.run("tar", "-C", layout.toString(), "-czf", tgz.toString(), ".");
        try (Image fromDir = OciLayout.open(layout, null, options);
             Image fromTar = OciLayout.open(tar, "3.11", options);
             Image fromTgz = OciLayout.open(tgz, "3.11", options)) {
            for (Image packed : List.of(fromTar, fromTgz)) {
                assertEquals(fromDir.metadata().manifestDigest(), packed.metadata().manifestDigest());
                assertEquals(fromDir.metadata().layerDigests(), packed.metadata().layerDigests());
                assertEquals(packed.layers().get(0).digest(), TestImages.sha256(packed.layers().get(0).open()));
            }
        }
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    /** A nested index (tag -> index of platforms -> manifests), built from the real image plus an arm64 twin. */
    @Test
    void choosesThePlatformInANestedIndex() throws Exception {
        JsonNode top = json(Files.readAllBytes(layout.resolve("index.json")));
        ObjectNode amd64Entry = (ObjectNode) top.at("/manifests/0").deepCopy();
        amd64Entry.remove("annotations");
        amd64Entry.putObject("platform").put("os", "linux").put("architecture", "amd64");

        ObjectNode manifest = (ObjectNode) json(blob(amd64Entry.get("digest").asText()));
        ObjectNode config = (ObjectNode) json(blob(manifest.at("/config/digest").asText()));
        config.put("architecture", "arm64").put("variant", "v8");
        byte[] armConfig = json(config);
        ((ObjectNode) manifest.get("config")).put("digest", writeBlob(armConfig)).put("size", armConfig.length);
        byte[] armManifest = json(manifest);
        ObjectNode armEntry = TestImages.JSON.createObjectNode();
        armEntry.put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", writeBlob(armManifest)).put("size", armManifest.length);
        armEntry.putObject("platform").put("os", "linux").put("architecture", "arm64").put("variant", "v8");

        byte[] nested = json(Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_INDEX, "manifests", List.of(armEntry, amd64Entry)));
        writeIndex(List.of(Map.of("mediaType", MediaTypes.OCI_INDEX, "digest", writeBlob(nested), "size", nested.length,
                "annotations", Map.of("org.opencontainers.image.ref.name", "multi"))));

        try (Image image = OciLayout.open(layout, null, options)) {
            assertEquals(amd64Entry.get("digest").asText(), image.metadata().manifestDigest(), "default platform is linux/amd64");
            assertEquals(List.of("multi"), image.metadata().repoTags());
        }
        try (Image image = OciLayout.open(layout, "multi", options.withPlatform(Platform.parse("linux/arm64")))) {
            assertEquals(armEntry.get("digest").asText(), image.metadata().manifestDigest());
            assertEquals(new Platform("linux", "arm64", "v8"), image.metadata().platform());
        }
        InputException none = assertThrows(InputException.class,
                () -> OciLayout.open(layout, null, options.withPlatform(Platform.parse("linux/s390x"))));
        assertEquals("image oci:" + layout + " has no manifest for platform linux/s390x; available: linux/arm64/v8, linux/amd64",
                none.getMessage());
        try (Image image = OciLayout.open(layout, "multi", options.withPlatform(Platform.parse("linux/aarch64/v8")))) {
            assertEquals(armEntry.get("digest").asText(), image.metadata().manifestDigest(), "aliases normalise as containerd's do");
        }
    }

    @Test
    void aFlippedByteInALayerBlobFailsTheReadAtItsEnd() throws Exception {
        try (Image image = OciLayout.open(layout, null, options)) {
            Layer layer = image.layers().get(0);
            Path blob = layout.resolve("blobs/sha256/" + layer.digest().substring(7));
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length / 2] ^= 0x40;
            Files.write(blob, bytes);
            IOException e = assertThrows(IOException.class, () -> layer.open().readAllBytes());
            assertTrue(e.getMessage().startsWith("digest mismatch for " + layout + " (blobs/sha256/" + layer.digest().substring(7)
                    + "): expected " + layer.digest() + ", got sha256:"), e.getMessage());
        }
    }

    @Test
    void aManifestBlobThatDoesNotMatchItsDigestIsReported() throws Exception {
        String digest = json(Files.readAllBytes(layout.resolve("index.json"))).at("/manifests/0/digest").asText();
        Path blob = layout.resolve("blobs/sha256/" + digest.substring(7));
        String text = Files.readString(blob);
        Files.writeString(blob, text.replace("\"schemaVersion\":2", "\"schemaVersion\":3"));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + ": blob blobs/sha256/" + digest.substring(7) + " does not match its digest", e.getMessage());
    }

    @Test
    void anUnknownLayerMediaTypeIsReported() throws Exception {
        JsonNode entry = json(Files.readAllBytes(layout.resolve("index.json"))).at("/manifests/0");
        ObjectNode manifest = (ObjectNode) json(blob(entry.get("digest").asText()));
        ((ObjectNode) manifest.at("/layers/0")).put("mediaType", "application/vnd.example.model.weights");
        byte[] changed = json(manifest);
        writeIndex(List.of(Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", writeBlob(changed), "size", changed.length)));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + ": unknown layer media type application/vnd.example.model.weights for "
                + manifest.at("/layers/0/digest").asText(), e.getMessage());
    }

    @Test
    void anUnknownManifestMediaTypeIsReported() throws Exception {
        ObjectNode entry = (ObjectNode) json(Files.readAllBytes(layout.resolve("index.json"))).at("/manifests/0");
        entry.put("mediaType", "application/vnd.cncf.helm.chart.v1+json");
        writeIndex(List.of(entry));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + ": unknown media type application/vnd.cncf.helm.chart.v1+json for " + entry.get("digest").asText()
                + " (expected an image manifest or index)", e.getMessage());
    }

    @Test
    void missingIndexJsonIsReported() throws Exception {
        Files.delete(layout.resolve("index.json"));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + ": not an OCI image layout: no index.json", e.getMessage());
    }

    @Test
    void aMissingLayerBlobIsReported() throws Exception {
        String digest = json(TestImages.run("skopeo", "inspect", "--raw", "oci:" + layout + ":3.11")).at("/layers/0/digest").asText();
        Files.delete(layout.resolve("blobs/sha256/" + digest.substring(7)));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertTrue(e.getMessage().startsWith(layout + ": layer " + digest + " named in manifest "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" is missing from the layout"), e.getMessage());
    }

    @Test
    void aDigestThatWouldClimbOutOfBlobsIsRejected() throws Exception {
        writeIndex(List.of(Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", "sha256:../../../../etc/passwd", "size", 10)));
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + " (index.json): invalid or unsupported digest 'sha256:../../../../etc/passwd'"
                + " (expected sha256:<64 hex> or sha512:<128 hex>)", e.getMessage());
    }

    @Test
    void aBlobThatIsASymlinkToAFileOutsideTheLayoutIsNotRead() throws Exception {
        String digest = json(Files.readAllBytes(layout.resolve("index.json"))).at("/manifests/0/digest").asText();
        Path blob = layout.resolve("blobs/sha256/" + digest.substring(7));
        Path outside = work.resolve("outside.json");
        Files.move(blob, outside);
        Files.createSymbolicLink(blob, outside);
        InputException e = assertThrows(InputException.class, () -> OciLayout.open(layout, null, options));
        assertEquals(layout + ": blobs/sha256/" + digest.substring(7) + " links outside the layout directory", e.getMessage());
    }

    private byte[] blob(String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
    }

    private String writeBlob(byte[] content) throws IOException {
        String digest = sha256(content);
        Files.write(layout.resolve("blobs/sha256/" + digest.substring(7)), content);
        return digest;
    }

    private void writeIndex(List<?> manifests) throws IOException {
        ArrayNode array = TestImages.JSON.valueToTree(new ArrayList<>(manifests));
        ObjectNode index = TestImages.JSON.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX).set("manifests", array);
        Files.write(layout.resolve("index.json"), json(index));
    }
}
