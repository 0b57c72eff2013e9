package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Docker client config files in the formats "docker login", Podman and CI tools write. */
class RegistryCredentialsTest {

    /** As written by "docker login" (tab-indented), with a credential store and helper that we cannot call. */
    private static final String DOCKER_LOGIN = """
            {
            \t"auths": {
            \t\t"https://index.docker.io/v1/": {
            \t\t\t"auth": "aHViLXVzZXI6aHViLXBhc3M="
            \t\t},
            \t\t"ghcr.io": {
            \t\t\t"auth": "Z2gtdXNlcjpnaHBfdG9rZW46d2l0aDpjb2xvbnM="
            \t\t},
            \t\t"registry.example.com:5000": {
            \t\t\t"username": "plain-user",
            \t\t\t"password": "plain-pass"
            \t\t},
            \t\t"https://quay.io/v1/": {
            \t\t\t"auth": "",
            \t\t\t"identitytoken": "eyJ..."
            \t\t},
            \t\t"gcr.io": {}
            \t},
            \t"credsStore": "desktop",
            \t"credHelpers": {
            \t\t"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"
            \t}
            }""";

    @Test
    void readsAuthsByHostWithDockerHubAliases(@TempDir Path dir) throws IOException {
        RegistryCredentials credentials = RegistryCredentials.fromDockerConfig(write(dir, DOCKER_LOGIN));
        // base64 of "hub-user:hub-pass", and of "gh-user:ghp_token:with:colons" (the password keeps its colons)
        assertEquals(Optional.of(new Credentials("hub-user", "hub-pass")), credentials.forHost("docker.io"));
        assertEquals(Optional.of(new Credentials("hub-user", "hub-pass")), credentials.forHost("registry-1.docker.io"));
        assertEquals(Optional.of(new Credentials("gh-user", "ghp_token:with:colons")), credentials.forHost("ghcr.io"));
        assertEquals(Optional.of(new Credentials("plain-user", "plain-pass")), credentials.forHost("registry.example.com:5000"));
        assertEquals(Optional.empty(), credentials.forHost("registry.example.com"), "host and port must both match");
        assertEquals(Optional.empty(), credentials.forHost("quay.io"), "identity tokens are not supported");
        assertEquals(Optional.empty(), credentials.forHost("gcr.io"));
        assertEquals(Optional.empty(), credentials.forHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
    }

    @Test
    void aMissingFileMeansNoCredentials(@TempDir Path dir) {
        assertEquals(Optional.empty(), RegistryCredentials.fromDockerConfig(dir.resolve("config.json")).forHost("docker.io"));
    }

    @Test
    void malformedJsonIsReportedWithoutQuotingTheFile(@TempDir Path dir) throws IOException {
        Path file = write(dir, "{\"auths\": {\"ghcr.io\": {\"auth\": s3cretvalue}}}");
        InputException e = assertThrows(InputException.class, () -> RegistryCredentials.fromDockerConfig(file));
        assertTrue(e.getMessage().startsWith("cannot read Docker config " + file + ": malformed JSON at line 1, column "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void anAuthThatIsNotBase64IsReportedWithoutItsValue(@TempDir Path dir) throws IOException {
        Path file = write(dir, "{\"auths\": {\"ghcr.io\": {\"auth\": \"%%secret%%\"}}}");
        InputException e = assertThrows(InputException.class, () -> RegistryCredentials.fromDockerConfig(file));
        assertEquals("cannot read Docker config " + file + ": the \"auth\" of \"ghcr.io\" is not base64", e.getMessage());
    }

    @Test
    void environmentCredentialsBelongToTheScannedRegistryOnly() {
        Map<String, String> environment = Map.of("PORTCULLIS_REGISTRY_USERNAME", "ci", "PORTCULLIS_REGISTRY_PASSWORD", "pw");
        RegistryCredentials credentials = RegistryCredentials.fromEnvironment(environment, "ghcr.io");
        assertEquals(Optional.of(new Credentials("ci", "pw")), credentials.forHost("ghcr.io"));
        assertEquals(Optional.empty(), credentials.forHost("docker.io"));
    }

    @Test
    void halfOfTheEnvironmentPairIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> RegistryCredentials.fromEnvironment(Map.of("PORTCULLIS_REGISTRY_USERNAME", "ci"), "ghcr.io"));
        assertEquals("PORTCULLIS_REGISTRY_PASSWORD is not set but PORTCULLIS_REGISTRY_USERNAME is: set both or neither", e.getMessage());
    }

    @Test
    void explicitAndEnvironmentCredentialsWinOverTheDockerConfig(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".docker"));
        write(home.resolve(".docker"), DOCKER_LOGIN);
        ImageReference image = ImageReference.parse("ghcr.io/owner/app");
        RegistryCredentials fromConfig = RegistryCredentials.defaults(image, Map.of(), home);
        assertEquals(Optional.of(new Credentials("gh-user", "ghp_token:with:colons")), fromConfig.forHost("ghcr.io"));

        RegistryCredentials fromEnvironment = RegistryCredentials.defaults(image,
                Map.of("PORTCULLIS_REGISTRY_USERNAME", "ci", "PORTCULLIS_REGISTRY_PASSWORD", "pw"), home);
        assertEquals(Optional.of(new Credentials("ci", "pw")), fromEnvironment.forHost("ghcr.io"));
        assertEquals(Optional.of(new Credentials("hub-user", "hub-pass")), fromEnvironment.forHost("docker.io"));

        RegistryCredentials explicit = RegistryCredentials.of("ghcr.io", new Credentials("cli", "flag")).orElse(fromEnvironment);
        assertEquals(Optional.of(new Credentials("cli", "flag")), explicit.forHost("ghcr.io"));
    }

    @Test
    void dockerConfigEnvironmentVariableNamesTheDirectory(@TempDir Path dir) throws IOException {
        write(dir, DOCKER_LOGIN);
        RegistryCredentials credentials = RegistryCredentials.defaults(ImageReference.parse("alpine"),
                Map.of("DOCKER_CONFIG", dir.toString()), dir.resolve("no-home"));
        assertEquals(Optional.of(new Credentials("hub-user", "hub-pass")), credentials.forHost("docker.io"));
    }

    @Test
    void neverPrintsAPassword() {
        assertEquals("Credentials[username=u, password=***]", new Credentials("u", "p4ss").toString());
    }

    private static Path write(Path dir, String content) throws IOException {
        return Files.writeString(dir.resolve("config.json"), content);
    }
}
