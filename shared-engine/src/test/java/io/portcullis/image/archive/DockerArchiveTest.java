package io.portcullis.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Layer;
import io.portcullis.image.MediaTypes;
import io.portcullis.image.TestImages;
import io.portcullis.image.TestImages.TarItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.portcullis.image.TestImages.json;
import static io.portcullis.image.TestImages.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerArchiveTest {

    private static final String LAYER = "485d7306187faf0cc9b77fc210e8def9d67b1953f0669e675877e90e6542cb6d/layer.tar";

    @TempDir
    Path work;

    Path temp;
    ImageSourceOptions options;
    List<TarItem> alpine;
    JsonNode manifestJson;
    byte[] configBytes;

    @BeforeEach
    void readFixture() throws IOException {
        temp = Files.createDirectory(work.resolve("temp"));
        options = ImageSourceOptions.defaults().withTempDir(temp);
        alpine = TestImages.alpineEntries();
        manifestJson = json(TestImages.content(alpine, "manifest.json"));
        configBytes = TestImages.content(alpine, manifestJson.get(0).get("Config").asText());
    }

    @Test
    void readsTheRealGzippedDockerSaveAsTheArchiveAndSkopeoDescribeIt() throws Exception {
        Path plain = TestImages.plainAlpineArchive(work);
        JsonNode skopeoManifest = json(TestImages.run("skopeo", "inspect", "--raw", "docker-archive:" + plain));
        JsonNode skopeoConfig = json(TestImages.run("skopeo", "inspect", "--config", "docker-archive:" + plain));

        try (Image image = DockerArchive.open(TestImages.alpineArchive(), null, options)) {
            ImageMetadata metadata = image.metadata();
            assertEquals(skopeoManifest.at("/config/digest").asText(), metadata.configDigest());
            assertEquals(sha256(configBytes), metadata.configDigest());
            List<String> diffIds = new ArrayList<>();
            skopeoConfig.at("/rootfs/diff_ids").forEach(d -> diffIds.add(d.asText()));
            assertEquals(diffIds, metadata.diffIds());
            List<String> layerDigests = new ArrayList<>();
            skopeoManifest.get("layers").forEach(l -> layerDigests.add(l.get("digest").asText()));
            assertEquals(layerDigests, metadata.layerDigests());
            assertEquals(List.of(manifestJson.get(0).get("RepoTags").get(0).asText()), metadata.repoTags());
            assertEquals(skopeoConfig.get("os").asText(), metadata.platform().os());
            assertEquals(skopeoConfig.get("architecture").asText(), metadata.platform().architecture());
            assertNull(metadata.manifestDigest(), "a classic docker save has no registry manifest");

            assertEquals(manifestJson.get(0).get("Layers").size(), image.layers().size());
            Layer layer = image.layers().get(0);
            assertEquals(diffIds.get(0), layer.diffId());
            assertArrayEquals(TestImages.content(alpine, LAYER), layer.open().readAllBytes());
            assertEquals(1, TestImages.leftovers(temp).size(), "the gzipped archive is decompressed once into the temp dir");
        }
        assertEquals(List.of(), TestImages.leftovers(temp), "closing the image removes the temp file");
    }

    @Test
    void indexesAPlainArchiveInPlaceWithoutATempFile() throws Exception {
        Path plain = TestImages.plainAlpineArchive(work);
        try (Image image = DockerArchive.open(plain, "alpine:3.11", options)) {
            assertEquals(List.of(), TestImages.leftovers(temp));
            assertEquals(sha256(TestImages.content(alpine, LAYER)), TestImages.sha256(image.layers().get(0).open()));
            assertEquals("docker-archive:" + plain + ":alpine:3.11", image.metadata().reference());
        }
    }

    @Test
    void selectsAnImageByRepoTagAndFollowsTheLinkDockerSaveWritesForASharedLayer() throws Exception {
        ObjectNode secondConfig = (ObjectNode) json(configBytes);
        ((ObjectNode) secondConfig.get("config")).putObject("Labels").put("test", "second image");
        byte[] second = json(secondConfig);
        String secondHex = sha256(second).substring("sha256:".length());
        List<TarItem> items = new ArrayList<>(alpine);
        items.removeIf(i -> i.name().equals("manifest.json"));
        items.add(TarItem.file(secondHex + ".json", second));
        items.add(TarItem.directory("second/"));
        items.add(TarItem.symlink("second/layer.tar", "../" + LAYER));
        items.add(TarItem.file("manifest.json", "[" + manifestJson.get(0) + ",{\"Config\":\"" + secondHex
                + ".json\",\"RepoTags\":[\"example.com/team/second:1.0\"],\"Layers\":[\"second/layer.tar\"]}]"));
        Path archive = work.resolve("two.tar");
        TestImages.writeTar(archive, items);

        InputException ambiguous = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + " holds 2 images; choose one as docker-archive:" + archive
                + ":TAG (tags: alpine:3.11, example.com/team/second:1.0)", ambiguous.getMessage());

        try (Image image = DockerArchive.open(archive, "example.com/team/second:1.0", options)) {
            assertEquals(sha256(second), image.metadata().configDigest());
            assertArrayEquals(TestImages.content(alpine, LAYER), image.layers().get(0).open().readAllBytes());
        }
        try (Image image = DockerArchive.open(archive, "docker.io/library/alpine:3.11", options)) {
            assertEquals(sha256(configBytes), image.metadata().configDigest());
        }
        InputException unknown = assertThrows(InputException.class, () -> DockerArchive.open(archive, "alpine:3.12", options));
        assertEquals(archive + " has no image tagged alpine:3.12 (tags: alpine:3.11, example.com/team/second:1.0)", unknown.getMessage());
    }

    /** The layout Docker 25+ writes: OCI blobs and index.json, with manifest.json pointing into blobs/. */
    @Test
    void readsTheOciStyleLayoutOfDocker25AndAgreesWithSkopeo() throws Exception {
        Path archive = work.resolve("docker25.tar");
        byte[] manifest = Docker25Archive.write(archive, alpine);

        try (Image image = DockerArchive.open(archive, null, options)) {
            ImageMetadata metadata = image.metadata();
            assertEquals(sha256(manifest), metadata.manifestDigest());
            assertEquals(sha256(configBytes), metadata.configDigest());
            assertEquals(List.of("alpine:3.11"), metadata.repoTags());
            Layer layer = image.layers().get(0);
            assertEquals(MediaTypes.OCI_LAYER_TAR, layer.mediaType());
            assertEquals(sha256(TestImages.content(alpine, LAYER)), layer.digest());
            assertEquals(layer.diffId(), TestImages.sha256(layer.open()));
        }
        // The same tar is also a valid OCI layout, and reads the same that way.
        for (String selector : List.of("3.11", "docker.io/library/alpine:3.11")) {
            try (Image image = io.portcullis.image.oci.OciLayout.open(archive, selector, options)) {
                assertEquals(sha256(manifest), image.metadata().manifestDigest());
                assertEquals(sha256(configBytes), image.metadata().configDigest());
            }
        }
        // skopeo reads the same tar as an OCI archive and finds the manifest we wrote, byte for byte.
        byte[] skopeoManifest = TestImages.run("skopeo", "inspect", "--raw", "oci-archive:" + archive);
        assertEquals(sha256(manifest), sha256(skopeoManifest));
        JsonNode skopeoConfig = json(TestImages.run("skopeo", "inspect", "--config", "docker-archive:" + archive));
        assertEquals(json(configBytes).at("/rootfs/diff_ids"), skopeoConfig.at("/rootfs/diff_ids"));
    }

    @Test
    void truncatedGzipIsReportedAndLeavesNoTempFile() throws Exception {
        byte[] whole = Files.readAllBytes(TestImages.alpineArchive());
        Path truncated = work.resolve("truncated.tar.gz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(truncated, null, options));
        assertEquals(truncated + ": truncated gzip stream (unexpected end of file)", e.getMessage());
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void decompressionBeyondTheCapIsRefusedAndLeavesNoTempFile() throws Exception {
        ImageSourceOptions small = options.withMaxDecompressedBytes(1024 * 1024);
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(TestImages.alpineArchive(), null, small));
        assertTrue(e.getMessage().startsWith(TestImages.alpineArchive() + ": decompresses to more than 1048576 bytes"), e.getMessage());
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void aFileThatIsNotATarIsReported() throws Exception {
        Path config = work.resolve("config.json");
        Files.write(config, configBytes);
        InputException plain = assertThrows(InputException.class, () -> DockerArchive.open(config, null, options));
        assertEquals(config + ": not a tar archive", plain.getMessage());

        Path gzipped = work.resolve("config.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(configBytes);
        }
        InputException compressed = assertThrows(InputException.class, () -> DockerArchive.open(gzipped, null, options));
        assertEquals(gzipped + ": not a tar archive", compressed.getMessage());
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void aTruncatedPlainTarIsReported() throws Exception {
        Path plain = TestImages.plainAlpineArchive(work);
        byte[] whole = Files.readAllBytes(plain);
        Path truncated = work.resolve("truncated.tar");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 3_000_000));
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(truncated, null, options));
        assertTrue(e.getMessage().startsWith(truncated + ": corrupt tar archive") || e.getMessage().startsWith(truncated + ": truncated tar"),
                e.getMessage());
    }

    @Test
    void missingManifestJsonIsReported() throws Exception {
        Path archive = work.resolve("no-manifest.tar.gz");
        TestImages.writeGzipTar(archive, alpine.stream().filter(i -> !i.name().equals("manifest.json")).toList());
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + ": not a docker-archive: no manifest.json", e.getMessage());
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void aLayerNamedInTheManifestButAbsentIsReported() throws Exception {
        Path archive = work.resolve("no-layer.tar.gz");
        TestImages.writeGzipTar(archive, alpine.stream().filter(i -> !i.name().equals(LAYER)).toList());
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + ": layer " + LAYER + " named in manifest.json is missing from the archive", e.getMessage());
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void entryNamesThatClimbOutOrAreAbsoluteMakeTheArchiveInvalid() throws Exception {
        for (String hostile : List.of("../escape.txt", "/etc/cron.d/evil", "blobs/../../x")) {
            List<TarItem> items = new ArrayList<>(alpine);
            items.add(0, TarItem.file(hostile, "x"));
            Path archive = work.resolve("hostile.tar.gz");
            TestImages.writeGzipTar(archive, items);
            InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
            assertTrue(e.getMessage().startsWith(archive + ": unsafe entry name '" + hostile + "'"), e.getMessage());
            assertEquals(List.of(), TestImages.leftovers(temp));
            assertTrue(Files.notExists(work.resolve("escape.txt")));
        }
    }

    @Test
    void aLayerLinkPointingOutsideTheArchiveIsNeverFollowed() throws Exception {
        List<TarItem> items = new ArrayList<>(alpine);
        items.removeIf(i -> i.name().equals(LAYER));
        items.add(TarItem.symlink(LAYER, "../../etc/passwd"));
        Path archive = work.resolve("link-out.tar");
        TestImages.writeTar(archive, items);
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + ": entry " + LAYER + " links outside the archive", e.getMessage());
    }

    @Test
    void aFlippedByteInTheLayerFailsTheReadAtItsEnd() throws Exception {
        List<TarItem> items = new ArrayList<>();
        for (TarItem item : alpine) {
            if (item.name().equals(LAYER)) {
                byte[] corrupt = item.content().clone();
                corrupt[corrupt.length / 2] ^= 0x01;
                items.add(TarItem.file(LAYER, corrupt));
            } else {
                items.add(item);
            }
        }
        Path archive = work.resolve("flipped.tar.gz");
        TestImages.writeGzipTar(archive, items);
        try (Image image = DockerArchive.open(archive, null, options)) {
            Layer layer = image.layers().get(0);
            IOException e = assertThrows(IOException.class, () -> layer.open().readAllBytes());
            assertTrue(e.getMessage().startsWith("digest mismatch for " + archive + " (" + LAYER + "): expected " + layer.diffId() + ", got sha256:"),
                    e.getMessage());
        }
        assertEquals(List.of(), TestImages.leftovers(temp));
    }

    @Test
    void aConfigWhoseContentDoesNotMatchItsNameIsReported() throws Exception {
        String configName = manifestJson.get(0).get("Config").asText();
        List<TarItem> items = new ArrayList<>();
        for (TarItem item : alpine) {
            items.add(item.name().equals(configName)
                    ? TarItem.file(configName, new String(configBytes, StandardCharsets.UTF_8).replace("amd64", "arm64"))
                    : item);
        }
        Path archive = work.resolve("config.tar");
        TestImages.writeTar(archive, items);
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + ": config " + configName + " does not match the digest its name states", e.getMessage());
    }

    @Test
    void aManifestListingMoreLayersThanTheConfigHasDiffIdsIsReported() throws Exception {
        List<TarItem> items = new ArrayList<>(alpine);
        items.removeIf(i -> i.name().equals("manifest.json"));
        items.add(TarItem.file("manifest.json", manifestJson.toString().replace("\"Layers\":[\"" + LAYER + "\"]",
                "\"Layers\":[\"" + LAYER + "\",\"" + LAYER + "\"]")));
        Path archive = work.resolve("count.tar");
        TestImages.writeTar(archive, items);
        InputException e = assertThrows(InputException.class, () -> DockerArchive.open(archive, null, options));
        assertEquals(archive + ": manifest.json lists 2 layers but the config has 1 rootfs.diff_ids", e.getMessage());
    }

    /** Writes the files of a Docker 25+ docker save around the real alpine layer and config. */
    static final class Docker25Archive {
        private Docker25Archive() {
        }

        /** Returns the OCI manifest written into blobs/. */
        static byte[] write(Path archive, List<TarItem> alpine) throws IOException {
            JsonNode classic = json(TestImages.content(alpine, "manifest.json")).get(0);
            byte[] config = TestImages.content(alpine, classic.get("Config").asText());
            byte[] layer = TestImages.content(alpine, classic.get("Layers").get(0).asText());
            String configDigest = sha256(config);
            String layerDigest = sha256(layer);
            byte[] manifest = json(Map.of(
                    "schemaVersion", 2,
                    "mediaType", MediaTypes.OCI_MANIFEST,
                    "config", Map.of("mediaType", MediaTypes.OCI_CONFIG, "digest", configDigest, "size", config.length),
                    "layers", List.of(Map.of("mediaType", MediaTypes.OCI_LAYER_TAR, "digest", layerDigest, "size", layer.length))));
            String manifestDigest = sha256(manifest);
            byte[] index = json(Map.of(
                    "schemaVersion", 2,
                    "mediaType", MediaTypes.OCI_INDEX,
                    "manifests", List.of(Map.of(
                            "mediaType", MediaTypes.OCI_MANIFEST,
                            "digest", manifestDigest,
                            "size", manifest.length,
                            "annotations", Map.of(
                                    "io.containerd.image.name", "docker.io/library/alpine:3.11",
                                    "org.opencontainers.image.ref.name", "3.11")))));
            String dockerManifest = "[{\"Config\":\"" + blob(configDigest) + "\",\"RepoTags\":[\"alpine:3.11\"],\"Layers\":[\""
                    + blob(layerDigest) + "\"]}]";
            TestImages.writeTar(archive, List.of(
                    TarItem.directory("blobs/"),
                    TarItem.directory("blobs/sha256/"),
                    TarItem.file(blob(configDigest), config),
                    TarItem.file(blob(layerDigest), layer),
                    TarItem.file(blob(manifestDigest), manifest),
                    TarItem.file("index.json", index),
                    TarItem.file("manifest.json", dockerManifest),
                    TarItem.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"),
                    TarItem.file("repositories", "{\"alpine\":{\"3.11\":\"" + layerDigest.substring(7) + "\"}}")));
            return manifest;
        }

        private static String blob(String digest) {
            return "blobs/sha256/" + digest.substring("sha256:".length());
        }
    }
}
