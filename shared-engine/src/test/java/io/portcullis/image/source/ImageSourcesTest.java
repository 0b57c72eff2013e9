package io.portcullis.image.source;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.portcullis.image.TestImages.json;
import static io.portcullis.image.TestImages.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageSourcesTest {

    @TempDir
    Path work;

    ImageSourceOptions options;
    String configDigest;

    @BeforeEach
    void setUp() throws Exception {
        options = ImageSourceOptions.defaults().withTempDir(Files.createDirectory(work.resolve("temp")));
        var alpine = TestImages.alpineEntries();
        String configName = json(TestImages.content(alpine, "manifest.json")).at("/0/Config").asText();
        configDigest = sha256(TestImages.content(alpine, configName));
    }

    @Test
    void aBareGzippedFileIsSniffedAsADockerArchive() throws Exception {
        Path archive = TestImages.alpineArchive();
        try (Image image = ImageSources.open(archive.toString(), options)) {
            assertEquals("docker-archive:" + archive, image.metadata().reference());
            assertEquals(configDigest, image.metadata().configDigest());
        }
        try (Image image = ImageSources.open(archive + ":alpine:3.11", options)) {
            assertEquals(List.of("alpine:3.11"), image.metadata().repoTags());
        }
        try (Image image = ImageSources.open("docker-archive:" + archive + ":alpine:3.11", options)) {
            assertEquals(configDigest, image.metadata().configDigest());
        }
    }

    @Test
    void layoutsAreFoundAsDirectoriesAndAsTarsWithTagsAndDigests() throws Exception {
        Path plain = TestImages.plainAlpineArchive(work);
        Path layout = work.resolve("layout");
        TestImages.run("skopeo", "copy", "-q", "docker-archive:" + plain, "oci:" + layout + ":3.11");
        byte[] manifest = TestImages.run("skopeo", "inspect", "--raw", "oci:" + layout + ":3.11");
        String manifestDigest = sha256(manifest);
        String layoutConfigDigest = json(manifest).at("/config/digest").asText();
        Path tar = work.resolve("layout.tar");
        TestImages.run("tar", "-C", layout.toString(), "-cf", tar.toString(), ".");

        for (String spec : List.of(layout.toString(), layout + ":3.11", "oci:" + layout, "oci:" + layout + ":3.11",
                "oci:" + layout + "@" + manifestDigest, tar.toString(), tar + ":3.11", tar + "@" + manifestDigest, "oci-archive:" + tar)) {
            try (Image image = ImageSources.open(spec, options)) {
                assertEquals(manifestDigest, image.metadata().manifestDigest(), spec);
                assertEquals(layoutConfigDigest, image.metadata().configDigest(), spec);
            }
        }
    }

    @Test
    void aDirectoryWithoutLayoutFilesIsARootfs() throws Exception {
        Path root = Files.createDirectories(work.resolve("rootfs/etc"));
        Files.writeString(root.resolve("os-release"), "ID=alpine\n");
        for (String spec : List.of(work.resolve("rootfs").toString(), "rootfs:" + work.resolve("rootfs"), "dir:" + work.resolve("rootfs"))) {
            try (Image image = ImageSources.open(spec, options)) {
                assertEquals(1, image.layers().size());
                assertNull(image.layers().get(0).diffId());
                assertEquals(List.of("etc/", "etc/os-release"),
                        List.copyOf(TestImages.readTarStream(image.layers().get(0).open()).keySet()));
            }
        }
    }

    @Test
    void registryReferencesReachTheRegistry() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String registry = "127.0.0.1:" + port;
        ImageSourceOptions insecure = options.withInsecureRegistries(java.util.Set.of(registry));
        for (String spec : List.of("registry:" + registry + "/alpine:3.11", "docker://" + registry + "/library/alpine:3.11",
                registry + "/team/app@sha256:" + "a".repeat(64))) {
            InputException e = assertThrows(InputException.class, () -> ImageSources.open(spec, insecure));
            assertEquals(true, e.getMessage().startsWith("cannot reach registry " + registry), spec + ": " + e.getMessage());
        }
    }

    @Test
    void aTagAfterAPlainDirectoryIsARegistryReferenceNotTheDirectory() throws Exception {
        Path folder = Files.createDirectories(work.resolve("nginx/conf"));
        InputException e = assertThrows(InputException.class, () -> ImageSources.open(work.resolve("nginx") + ":1.25", options));
        assertEquals(true, e.getMessage().startsWith("invalid image reference '" + work.resolve("nginx") + ":1.25'"), e.getMessage());
        assertEquals(true, Files.isDirectory(folder));
    }

    @Test
    void aNamedFileThatDoesNotExistIsReported() {
        Path missing = work.resolve("missing.tar");
        InputException e = assertThrows(InputException.class, () -> ImageSources.open("docker-archive:" + missing, options));
        assertEquals(missing + ": no such file or directory", e.getMessage());
    }

    @Test
    void aTarThatIsNeitherKindIsReported() throws Exception {
        Path tar = work.resolve("other.tar");
        TestImages.writeTar(tar, List.of(TestImages.TarItem.file("readme.txt", "hello")));
        InputException e = assertThrows(InputException.class, () -> ImageSources.open(tar.toString(), options));
        assertEquals(tar + ": neither a docker-archive (no manifest.json) nor an OCI layout (no index.json)", e.getMessage());
    }
}
