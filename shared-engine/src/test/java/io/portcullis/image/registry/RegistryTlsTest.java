package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Image;
import io.portcullis.image.ImageReference;
import io.portcullis.testing.LayerContent;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real registry serving HTTPS with a self-signed certificate made by openssl in the test. */
class RegistryTlsTest {

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withTls();

    private static ImageReference reference;
    private static OciLayoutFacts pushed;

    @BeforeAll
    static void pushImage() throws IOException {
        Path layout = TestImages.debian().ociLayout();
        REGISTRY.push(layout, "arm64", "tls/small:1", false);
        reference = ImageReference.parse(REGISTRY.hostPort() + "/tls/small:1");
        pushed = OciLayoutFacts.of(layout, "arm64");
    }

    @Test
    void pullsOverTlsTrustingTheExtraCaFile() throws IOException {
        RegistryOptions options = RegistryOptions.defaults().withExtraCaFile(REGISTRY.caCertificate());
        try (Image image = RegistryImage.open(reference, options)) {
            assertEquals(pushed.manifestDigest(), image.metadata().manifestDigest());
            try (InputStream in = image.layers().get(0).open()) {
                assertEquals("arm64 test image\n", new String(LayerContent.readFile(in, "arm64-marker").orElseThrow()));
            }
        }
    }

    @Test
    void refusesTheSelfSignedCertificateWithoutTheCaFile() {
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(reference, RegistryOptions.defaults()));
        assertTrue(e.getMessage().startsWith("TLS connection to " + REGISTRY.hostPort() + " for registry " + REGISTRY.hostPort()
                + " failed: unable to find valid certification path to requested target"), e.getMessage());
    }

    @Test
    void aCaFileWithoutCertificatesIsAnInputError(@TempDir Path dir) throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        InputException e = assertThrows(InputException.class,
                () -> RegistryImage.open(reference, RegistryOptions.defaults().withExtraCaFile(notPem)));
        assertTrue(e.getMessage().startsWith("cannot read CA certificates from " + notPem) || e.getMessage().startsWith("no certificate found in CA file " + notPem),
                e.getMessage());
    }
}
