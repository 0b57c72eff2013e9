package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageReference;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Content damaged in a real registry's storage (the registry serves stored bytes without checking
 * them) must be caught by the client's digest verification. Each test pushes an image of its own
 * unique content, so the damaged blobs are nobody else's.
 */
class RegistryCorruptionTest {

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    private final RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(Set.of(REGISTRY.hostPort()));

    @Test
    void aDamagedLayerFailsTheReadThatReachesItsEnd(@TempDir Path dir) throws IOException {
        OciLayoutFacts facts = pushUnique(dir, "damaged/layer:1");
        flipOneByte(REGISTRY.blobData(facts.layerDigests().get(0)));
        try (Image image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/damaged/layer:1"), options);
             InputStream in = image.layers().get(0).open()) {
            IOException e = assertThrows(IOException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
            assertEquals(true, e.getMessage().startsWith("digest mismatch for layer " + facts.layerDigests().get(0) + " of "
                    + REGISTRY.hostPort() + "/damaged/layer:1: expected " + facts.layerDigests().get(0) + ", got sha256:"), e.getMessage());
        }
    }

    @Test
    void aDamagedManifestIsRejected(@TempDir Path dir) throws IOException {
        OciLayoutFacts facts = pushUnique(dir, "damaged/manifest:1");
        // The registry parses a manifest before serving it, so the damage must leave valid JSON:
        // one hex digit of the layer digest it names.
        Path stored = REGISTRY.blobData(facts.manifestDigest());
        String manifest = Files.readString(stored);
        String layerHex = facts.layerDigests().get(0).substring("sha256:".length());
        String otherHex = layerHex.substring(0, 63) + (layerHex.charAt(63) == '0' ? '1' : '0');
        Files.writeString(stored, manifest.replace(layerHex, otherHex));
        InputException e = assertThrows(InputException.class,
                () -> RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/damaged/manifest:1"), options));
        assertEquals(true, e.getMessage().startsWith("digest mismatch for manifest of " + REGISTRY.hostPort()
                + "/damaged/manifest:1: expected " + facts.manifestDigest() + ", got sha256:"), e.getMessage());
    }

    @Test
    void aDamagedConfigIsRejected(@TempDir Path dir) throws IOException {
        OciLayoutFacts facts = pushUnique(dir, "damaged/config:1");
        flipOneByte(REGISTRY.blobData(facts.configDigest()));
        InputException e = assertThrows(InputException.class,
                () -> RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/damaged/config:1"), options));
        assertEquals(true, e.getMessage().startsWith("digest mismatch for config " + facts.configDigest() + " of "
                + REGISTRY.hostPort() + "/damaged/config:1: expected " + facts.configDigest() + ", got sha256:"), e.getMessage());
    }

    private static OciLayoutFacts pushUnique(Path dir, String repositoryAndTag) throws IOException {
        Path layout = TestImages.small(dir, "unique " + UUID.randomUUID());
        REGISTRY.push(layout, "small", repositoryAndTag, false);
        return OciLayoutFacts.of(layout, "small");
    }

    /** Same size, different content: the registry's size bookkeeping still agrees, only the digest can tell. */
    private static void flipOneByte(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[content.length / 2] ^= 0x01;
        Files.write(file, content);
    }
}
