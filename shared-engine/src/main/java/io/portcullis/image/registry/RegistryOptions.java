package io.portcullis.image.registry;

import io.portcullis.image.Platform;
import io.portcullis.transport.TransportSettings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to talk to registries.
 *
 * @param credentials credentials by registry host; each is sent only to its own registry
 * @param insecureRegistries host[:port] of registries spoken to over plain HTTP ({@code --insecure-registry});
 *                           every other registry is HTTPS with certificate verification
 * @param extraCaFile a PEM file of CA certificates trusted in addition to the system's, or null
 * @param platform the platform picked from multi-platform images
 * @param transport timeouts, retries, proxy and transfer limits
 */
public record RegistryOptions(
        RegistryCredentials credentials,
        Set<String> insecureRegistries,
        Path extraCaFile,
        Platform platform,
        TransportSettings transport) {

    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(transport, "transport");
        insecureRegistries = insecureRegistries.stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** No credentials, HTTPS only, system CAs, linux/amd64, {@link TransportSettings#defaults()}. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(RegistryCredentials.none(), Set.of(), null, Platform.LINUX_AMD64, TransportSettings.defaults());
    }

    public RegistryOptions withCredentials(RegistryCredentials newCredentials) {
        return new RegistryOptions(newCredentials, insecureRegistries, extraCaFile, platform, transport);
    }

    public RegistryOptions withInsecureRegistries(Set<String> hosts) {
        return new RegistryOptions(credentials, hosts, extraCaFile, platform, transport);
    }

    public RegistryOptions withExtraCaFile(Path pemFile) {
        return new RegistryOptions(credentials, insecureRegistries, pemFile, platform, transport);
    }

    public RegistryOptions withPlatform(Platform newPlatform) {
        return new RegistryOptions(credentials, insecureRegistries, extraCaFile, newPlatform, transport);
    }

    public RegistryOptions withTransport(TransportSettings settings) {
        return new RegistryOptions(credentials, insecureRegistries, extraCaFile, platform, settings);
    }

    /** Whether this host[:port] was named as a plain-HTTP registry. */
    public boolean isInsecure(String hostPort) {
        return insecureRegistries.contains(hostPort.toLowerCase(Locale.ROOT));
    }
}
