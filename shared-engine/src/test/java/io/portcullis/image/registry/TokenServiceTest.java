package io.portcullis.image.registry;

import io.portcullis.image.ImageReference;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which token realms may receive a registry's credentials. The realm/registry pairs are those real
 * registries use (Docker Hub, GitLab, GHCR, Quay, Azure) plus hostile ones.
 */
class TokenServiceTest {

    @ParameterizedTest
    @CsvSource({
            "docker.io/library/alpine,            https://auth.docker.io/token,                  true",
            "registry.gitlab.com/group/app,       https://gitlab.com/jwt/auth,                   true",
            "ghcr.io/owner/app,                   https://ghcr.io/token,                         true",
            "quay.io/ns/app,                      https://quay.io/v2/auth,                       true",
            "myreg.azurecr.io/app,                https://myreg.azurecr.io/oauth2/token,         true",
            "registry.example.com:5000/app,       https://registry.example.com:5000/token,       true",
            "ghcr.io/owner/app,                   https://ghcr.io:443/token,                     true",
            "registry.example.com:5000/app,       https://registry.example.com:5001/token,       false",
            "registry.example.com:5000/app,       https://registry.example.com/token,            false",
            "ghcr.io/owner/app,                   https://ghcr.io:8443/token,                    false",
            "registry.gitlab.com/group/app,       https://gitlab.com:8443/jwt/auth,              false",
            "docker.io/library/alpine,            https://auth.docker.io:444/token,              false",
            "myreg.azurecr.io/app,                https://evil.azurecr.io/oauth2/token,          false",
            "ghcr.io/owner/app,                   https://auth.docker.io/token,                  false",
            "registry.gitlab.com/group/app,       https://com/token,                             false",
            "ghcr.io/owner/app,                   http://ghcr.io/token,                          false",
            "registry.example.com/app,            https://attacker.example/token,                false",
    })
    void sendsCredentialsOnlyToTheRegistrysOwnRealm(String image, String realm, boolean expected) {
        assertEquals(expected, TokenService.mayReceiveCredentials(HttpUrl.get(realm), ImageReference.parse(image),
                RegistryOptions.defaults()));
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1:5000/app, http://127.0.0.1:5000/token, 127.0.0.1:5000, true",
            "127.0.0.1:5000/app, http://127.0.0.1:5001/token, 127.0.0.1:5000, false",
            "127.0.0.1:5000/app, http://127.0.0.1:5001/token, 127.0.0.1:5001, false",
            "127.0.0.1:5000/app, https://127.0.0.1:5000/token, 127.0.0.1:5000, false",
    })
    void anInsecureRegistrysCredentialsGoOnlyToItsOwnSchemeHostAndPort(String image, String realm, String insecure, boolean expected) {
        assertEquals(expected, TokenService.mayReceiveCredentials(HttpUrl.get(realm), ImageReference.parse(image),
                RegistryOptions.defaults().withInsecureRegistries(Set.of(insecure))));
    }
}
