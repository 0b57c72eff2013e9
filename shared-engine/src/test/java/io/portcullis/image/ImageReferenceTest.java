package io.portcullis.image;

import io.portcullis.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected normalisations are those of Docker's reference library (github.com/distribution/reference,
 * normalize_test.go: TestParseRepositoryInfo, TestNormalizedSplitHostname, TestValidateReferenceName),
 * with "docker pull"'s default tag "latest" added where no tag or digest is given.
 */
class ImageReferenceTest {

    private static final String DIGEST = "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    @ParameterizedTest
    @CsvSource({
            "alpine,                           docker.io/library/alpine:latest",
            "redis:latest,                     docker.io/library/redis:latest",
            "docker.io/library/redis:latest,   docker.io/library/redis:latest",
            "dmcgowan/myapp,                   docker.io/dmcgowan/myapp:latest",
            "docker.io/foo,                    docker.io/library/foo:latest",
            "index.docker.io/fooo/bar,         docker.io/fooo/bar:latest",
            "library/foo/bar,                  docker.io/library/foo/bar:latest",
            "store/foo/bar,                    docker.io/store/foo/bar:latest",
            "test_com/foo,                     docker.io/test_com/foo:latest",
            "test.com:8080/foo,                test.com:8080/foo:latest",
            "test-com:8080/foo,                test-com:8080/foo:latest",
            "xn--n3h.com/foo,                  xn--n3h.com/foo:latest",
            "127.0.0.1:8000/private/moonbase,  127.0.0.1:8000/private/moonbase:latest",
            "localhost/x,                      localhost/x:latest",
            "localhost:5000/ns/repo:1.2,       localhost:5000/ns/repo:1.2",
            "Foo/bar,                          Foo/bar:latest",
            "[fc00::1]:5000/docker/docker,     [fc00::1]:5000/docker/docker:latest",
            "192.168.0.1:80,                   docker.io/library/192.168.0.1:80",
            "ubuntu-12.04-base,                docker.io/library/ubuntu-12.04-base:latest",
            "dock__er/docker---rules,          docker.io/dock__er/docker---rules:latest",
            "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a, docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a:latest",
    })
    void normalisesAsDockerDoes(String input, String normalised) {
        assertEquals(normalised, ImageReference.parse(input).toString());
    }

    @ParameterizedTest
    @CsvSource({
            "redis@" + DIGEST + ",                                   docker.io/library/redis@" + DIGEST,
            "busybox:latest@" + DIGEST + ",                          docker.io/library/busybox:latest@" + DIGEST,
            "ghcr.io/owner/app:v1@" + DIGEST + ",                    ghcr.io/owner/app:v1@" + DIGEST,
    })
    void keepsDigestsAndTagsTogether(String input, String normalised) {
        ImageReference reference = ImageReference.parse(input);
        assertEquals(normalised, reference.toString());
        assertEquals(DIGEST, reference.digest());
        assertEquals(DIGEST, reference.manifestReference(), "a digest wins over the tag when fetching");
    }

    @ParameterizedTest
    @CsvSource({
            "alpine,                      docker.io,      library/alpine, latest, registry-1.docker.io",
            "quay.io/ns/repo:tag,         quay.io,        ns/repo,        tag,    quay.io",
            "localhost:5000/a/b/c:9,      localhost:5000, a/b/c,          9,      localhost:5000",
    })
    void splitsIntoParts(String input, String registry, String repository, String tag, String apiHost) {
        ImageReference reference = ImageReference.parse(input);
        assertEquals(registry, reference.registry());
        assertEquals(repository, reference.repository());
        assertEquals(tag, reference.tag());
        assertEquals(apiHost, reference.apiHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://github.com/docker/docker",
            "docker/Docker",
            "-docker",
            "-docker/docker",
            "-docker.io/docker/docker",
            "docker///docker",
            "docker.io/docker/Docker",
            "[fc00::1]",
            "[fc00::1]:5000",
            "fc00::1:5000/debian",
            "[fe80::1%eth0]:5000/debian",
            "[2001:db8:3:4::192.0.2.33]:5000/debian",
            "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
            "docker-/docker",
            "____/____",
            "dock..er/docker",
            "dock-.er/docker",
            "docker/",
            "alpine:-tag",
            "alpine@sha256:abc",
            "alpine@md5:d41d8cd98f00b204e9800998ecf8427e",
            "registry.example.com:99999/x",
            "",
    })
    void rejectsInvalidReferencesNamingThem(String input) {
        InputException e = assertThrows(InputException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid image reference '" + input + "': "), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void rejectsNamesOver255Characters() {
        String longNamespace = "a".repeat(250);
        InputException e = assertThrows(InputException.class, () -> ImageReference.parse(longNamespace + "/docker"));
        assertEquals("invalid image reference '" + longNamespace + "/docker': the name is longer than 255 characters", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void saysWhyAnUppercaseRepositoryIsInvalid() {
        InputException e = assertThrows(InputException.class, () -> ImageReference.parse("ghcr.io/Owner/App"));
        assertEquals("invalid image reference 'ghcr.io/Owner/App': repository name must be lowercase", e.getMessage());
    }
}
