package io.portcullis.image.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Header values as real registries send them (Docker Hub, GHCR, Distribution with htpasswd). */
class AuthChallengeTest {

    @Test
    void readsDockerHubsBearerChallengeWithACommaInsideTheScope() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull,push\"");
        assertEquals(List.of(new AuthChallenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/alpine:pull,push"))), challenges);
    }

    @Test
    void readsDistributionsBasicChallenge() {
        assertEquals(List.of(new AuthChallenge("basic", Map.of("realm", "portcullis-test"))),
                AuthChallenge.parse("Basic realm=\"portcullis-test\""));
    }

    @Test
    void readsSeveralChallengesUnquotedValuesAndEscapes() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Basic realm=simple, Bearer realm=\"https://ghcr.io/token\", service=\"ghcr.io\", error=\"say \\\"hi\\\"\"");
        assertEquals(List.of(
                new AuthChallenge("basic", Map.of("realm", "simple")),
                new AuthChallenge("bearer", Map.of("realm", "https://ghcr.io/token", "service", "ghcr.io", "error", "say \"hi\""))),
                challenges);
    }
}
