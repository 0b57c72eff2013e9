package io.portcullis.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the engine finds the credentials for a registry. It asks with the exact host[:port] of the
 * registry it is about to talk to and sends what it gets to that registry only. The engine never
 * looks anywhere else (no environment, no Docker config): a host passes what its user configured.
 */
public interface RegistryCredentials {

    /** @param hostPort the registry as image references name it ("docker.io", "localhost:5000") */
    Optional<RegistryCredential> forRegistry(String hostPort);

    static RegistryCredentials none() {
        return hostPort -> Optional.empty();
    }

    /** These credentials, each for its own registry; the first one given for a registry wins. */
    static RegistryCredentials of(RegistryCredential... credentials) {
        return of(List.of(credentials));
    }

    static RegistryCredentials of(List<RegistryCredential> credentials) {
        Map<String, RegistryCredential> byRegistry = new LinkedHashMap<>();
        for (RegistryCredential credential : credentials) {
            byRegistry.putIfAbsent(credential.registry(), credential);
        }
        Map<String, RegistryCredential> frozen = Map.copyOf(byRegistry);
        return new RegistryCredentials() {
            @Override
            public Optional<RegistryCredential> forRegistry(String hostPort) {
                return RegistryCredential.normalisedOrEmpty(hostPort).map(frozen::get);
            }

            @Override
            public String toString() {
                return "RegistryCredentials" + frozen.keySet();
            }
        };
    }

    /** These credentials, and for registries they have none for, {@code fallback}'s. */
    default RegistryCredentials orElse(RegistryCredentials fallback) {
        RegistryCredentials first = this;
        return hostPort -> first.forRegistry(hostPort).or(() -> fallback.forRegistry(hostPort));
    }
}
