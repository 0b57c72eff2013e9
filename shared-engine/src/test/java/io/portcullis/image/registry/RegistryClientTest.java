package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageReference;
import io.portcullis.image.Layer;
import io.portcullis.image.Platform;
import io.portcullis.testing.LayerContent;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulls a real Debian image, built with debootstrap and pushed by skopeo, back from a real registry. */
class RegistryClientTest {

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    private static TestImages.DebianImage debian;
    private static RegistryOptions options;

    @BeforeAll
    static void pushImages() {
        debian = TestImages.debian();
        REGISTRY.push(debian.ociLayout(), "bookworm", "debian/bookworm:12", false);
        REGISTRY.push(debian.ociLayout(), "multiarch", "multi/arch:v1", true);
        options = RegistryOptions.defaults().withInsecureRegistries(Set.of(REGISTRY.hostPort()));
    }

    @Test
    void pullsTheLayerSkopeoPushedByteForByteWithTheRootfsDpkgStatus() throws IOException {
        OciLayoutFacts pushed = OciLayoutFacts.of(debian.ociLayout(), "bookworm");
        try (Image image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/debian/bookworm:12"), options)) {
            ImageMetadata metadata = image.metadata();
            assertEquals(REGISTRY.hostPort() + "/debian/bookworm:12", metadata.reference());
            assertEquals(pushed.manifestDigest(), metadata.manifestDigest());
            assertEquals(pushed.configDigest(), metadata.configDigest());
            assertEquals(pushed.layerDigests(), metadata.layerDigests());
            assertEquals(List.of(sha256(Files.newInputStream(debian.layerTar()))), metadata.diffIds());
            assertEquals(new Platform("linux", "amd64", null), metadata.platform());

            Layer layer = image.layers().get(0);
            assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", layer.mediaType());
            try (InputStream in = layer.open()) {
                assertEquals(pushed.layerDigests().get(0), sha256(in), "pulled layer bytes hash to the pushed digest");
            }
            try (InputStream in = layer.open()) {
                byte[] status = LayerContent.readFile(in, "var/lib/dpkg/status").orElseThrow();
                assertArrayEquals(Files.readAllBytes(debian.rootfs().resolve("var/lib/dpkg/status")), status);
            }
        }
    }

    @Test
    void picksTheDefaultPlatformFromAnIndex() throws IOException {
        String amd64 = OciLayoutFacts.taggedDigest(debian.ociLayout(), "bookworm");
        try (Image image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/multi/arch:v1"), options)) {
            assertEquals(amd64, image.metadata().manifestDigest());
            assertEquals(Platform.LINUX_AMD64, image.metadata().platform());
        }
    }

    @Test
    void picksArm64ForArm64V8AsContainerdMatchesVariants() throws IOException {
        OciLayoutFacts arm64 = OciLayoutFacts.of(debian.ociLayout(), "arm64");
        for (String platform : List.of("linux/arm64/v8", "linux/arm64", "linux/aarch64")) {
            RegistryOptions armOptions = options.withPlatform(Platform.parse(platform));
            try (Image image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/multi/arch:v1"), armOptions)) {
                assertEquals(arm64.manifestDigest(), image.metadata().manifestDigest(), platform);
                assertEquals(new Platform("linux", "arm64", null), image.metadata().platform());
                try (InputStream in = image.layers().get(0).open()) {
                    assertEquals("arm64 test image\n", new String(LayerContent.readFile(in, "arm64-marker").orElseThrow()));
                }
            }
        }
    }

    @Test
    void aMissingPlatformListsTheAvailableOnes() {
        RegistryOptions s390x = options.withPlatform(Platform.parse("linux/s390x"));
        InputException e = assertThrows(InputException.class,
                () -> RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/multi/arch:v1"), s390x));
        assertEquals("image " + REGISTRY.hostPort() + "/multi/arch:v1 has no manifest for platform linux/s390x;"
                + " available: linux/amd64, linux/arm64", e.getMessage());
    }

    @Test
    void opensByIndexDigestAndByTagPlusDigest() throws IOException {
        String index = OciLayoutFacts.taggedDigest(debian.ociLayout(), "multiarch");
        String amd64 = OciLayoutFacts.taggedDigest(debian.ociLayout(), "bookworm");
        for (String reference : List.of("/multi/arch@" + index, "/multi/arch:no-such-tag@" + index)) {
            try (Image image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + reference), options)) {
                assertEquals(amd64, image.metadata().manifestDigest(), reference);
            }
        }
    }

    @Test
    void anUnknownRepositoryOrTagIsNamedInTheError() {
        InputException unknownTag = assertThrows(InputException.class,
                () -> RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/debian/bookworm:13"), options));
        assertEquals("image " + REGISTRY.hostPort() + "/debian/bookworm:13 not found on " + REGISTRY.hostPort()
                + ": 404 Not Found (MANIFEST_UNKNOWN: manifest unknown)", unknownTag.getMessage());

        InputException unknownRepository = assertThrows(InputException.class,
                () -> RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/no/such:1"), options));
        assertEquals("image " + REGISTRY.hostPort() + "/no/such:1 not found on " + REGISTRY.hostPort()
                + ": 404 Not Found (MANIFEST_UNKNOWN: manifest unknown)", unknownRepository.getMessage());
    }

    @Test
    void anUnreachableRegistryIsNamedWithItsPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String registry = "127.0.0.1:" + port;
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(ImageReference.parse(registry + "/a/b:1"),
                RegistryOptions.defaults().withInsecureRegistries(Set.of(registry))));
        assertEquals("cannot reach registry " + registry + ": Connection refused", e.getMessage());
    }

    @Test
    void aPlainHttpRegistryIsNotSpokenToWithoutBeingNamedInsecure() {
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(
                ImageReference.parse(REGISTRY.hostPort() + "/debian/bookworm:12"), RegistryOptions.defaults()));
        assertTrue(e.getMessage().startsWith("TLS connection to " + REGISTRY.hostPort() + " for registry " + REGISTRY.hostPort() + " failed"),
                e.getMessage());
    }

    private static String sha256(InputStream in) throws IOException {
        try (DigestInputStream digesting = new DigestInputStream(in, newSha256())) {
            digesting.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
