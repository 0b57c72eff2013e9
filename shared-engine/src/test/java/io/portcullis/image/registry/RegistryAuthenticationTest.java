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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A real registry with htpasswd (bcrypt) Basic authentication. */
class RegistryAuthenticationTest {

    private static final String USER = "scanner";
    private static final String PASSWORD = "Tr0ub4dor-and-3";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    private static TestImages.DebianImage debian;
    private static ImageReference reference;
    private static RegistryOptions insecure;

    @BeforeAll
    static void pushImage() {
        debian = TestImages.debian();
        REGISTRY.push(debian.ociLayout(), "bookworm", "private/debian:12", false);
        reference = ImageReference.parse(REGISTRY.hostPort() + "/private/debian:12");
        insecure = RegistryOptions.defaults().withInsecureRegistries(Set.of(REGISTRY.hostPort()));
    }

    @Test
    void pullsWithTheRightCredentials() throws IOException {
        RegistryOptions options = insecure.withCredentials(
                RegistryCredentials.of(REGISTRY.hostPort(), new Credentials(USER, PASSWORD)));
        OciLayoutFacts pushed = OciLayoutFacts.of(debian.ociLayout(), "bookworm");
        try (Image image = RegistryImage.open(reference, options)) {
            assertEquals(pushed.manifestDigest(), image.metadata().manifestDigest());
            assertEquals(pushed.layerDigests(), image.metadata().layerDigests());
            try (InputStream in = image.layers().get(0).open()) {
                assertArrayEquals(Files.readAllBytes(debian.rootfs().resolve("var/lib/dpkg/status")),
                        LayerContent.readFile(in, "var/lib/dpkg/status").orElseThrow());
            }
        }
    }

    @Test
    void aWrongPasswordFailsWithoutEchoingIt() {
        String wrong = "not-the-password-42";
        RegistryOptions options = insecure.withCredentials(
                RegistryCredentials.of(REGISTRY.hostPort(), new Credentials(USER, wrong)));
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(reference, options));
        assertEquals("authentication failed for " + REGISTRY.hostPort() + ": 401 Unauthorized (the credentials given for "
                + REGISTRY.hostPort() + " were refused)", e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString((USER + ":" + wrong).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void withoutCredentialsTheFailureSaysHowToGiveThem() {
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(reference, insecure));
        assertEquals("authentication failed for " + REGISTRY.hostPort() + ": 401 Unauthorized (no credentials for "
                + REGISTRY.hostPort() + ": give --username/--password, set PORTCULLIS_REGISTRY_USERNAME/PORTCULLIS_REGISTRY_PASSWORD,"
                + " or docker login)", e.getMessage());
    }

    @Test
    void credentialsOfAnotherRegistryAreNotUsed() {
        RegistryOptions options = insecure.withCredentials(
                RegistryCredentials.of("127.0.0.1:1", new Credentials(USER, PASSWORD)));
        InputException e = assertThrows(InputException.class, () -> RegistryImage.open(reference, options));
        assertEquals("authentication failed for " + REGISTRY.hostPort() + ": 401 Unauthorized (no credentials for "
                + REGISTRY.hostPort() + ": give --username/--password, set PORTCULLIS_REGISTRY_USERNAME/PORTCULLIS_REGISTRY_PASSWORD,"
                + " or docker login)", e.getMessage());
    }

    @Test
    void pullsWithCredentialsFromADockerConfigFile(@TempDir Path home) throws IOException {
        // The form "docker login 127.0.0.1:PORT" writes.
        Path config = Files.createDirectories(home.resolve(".docker")).resolve("config.json");
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\n\t\"auths\": {\n\t\t\"" + REGISTRY.hostPort() + "\": {\n\t\t\t\"auth\": \"" + auth + "\"\n\t\t}\n\t}\n}");
        RegistryOptions options = insecure.withCredentials(RegistryCredentials.defaults(reference, Map.of(), home));
        try (Image image = RegistryImage.open(reference, options)) {
            assertEquals(OciLayoutFacts.of(debian.ociLayout(), "bookworm").configDigest(), image.metadata().configDigest());
        }
    }

    @Test
    void pullsWithCredentialsFromTheEnvironment(@TempDir Path home) throws IOException {
        Map<String, String> environment = Map.of("PORTCULLIS_REGISTRY_USERNAME", USER, "PORTCULLIS_REGISTRY_PASSWORD", PASSWORD);
        RegistryOptions options = insecure.withCredentials(RegistryCredentials.defaults(reference, environment, home));
        try (Image image = RegistryImage.open(reference, options)) {
            assertEquals(OciLayoutFacts.of(debian.ociLayout(), "bookworm").configDigest(), image.metadata().configDigest());
        }
    }
}
