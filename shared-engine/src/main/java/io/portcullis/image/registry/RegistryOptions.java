package io.portcullis.image.registry;

import io.portcullis.image.Platform;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param retryPolicy how failed requests are retried
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed between two reads of a response
 */
public record RegistryOptions(
        RegistryCredentials credentials,
        Set<String> insecureRegistries,
        Path extraCaFile,
        Platform platform,
        RetryPolicy retryPolicy,
        Duration connectTimeout,
        Duration readTimeout) {

    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        insecureRegistries = insecureRegistries.stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** No credentials, HTTPS only, system CAs, linux/amd64, {@link RetryPolicy#DEFAULT}, 10 s connect and 60 s read timeouts. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(RegistryCredentials.none(), Set.of(), null, Platform.LINUX_AMD64,
                RetryPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public RegistryOptions withCredentials(RegistryCredentials newCredentials) {
        return new RegistryOptions(newCredentials, insecureRegistries, extraCaFile, platform, retryPolicy, connectTimeout, readTimeout);
    }

    public RegistryOptions withInsecureRegistries(Set<String> hosts) {
        return new RegistryOptions(credentials, hosts, extraCaFile, platform, retryPolicy, connectTimeout, readTimeout);
    }

    public RegistryOptions withExtraCaFile(Path pemFile) {
        return new RegistryOptions(credentials, insecureRegistries, pemFile, platform, retryPolicy, connectTimeout, readTimeout);
    }

    public RegistryOptions withPlatform(Platform newPlatform) {
        return new RegistryOptions(credentials, insecureRegistries, extraCaFile, newPlatform, retryPolicy, connectTimeout, readTimeout);
    }

    public RegistryOptions withRetryPolicy(RetryPolicy policy) {
        return new RegistryOptions(credentials, insecureRegistries, extraCaFile, platform, policy, connectTimeout, readTimeout);
    }

    public RegistryOptions withTimeouts(Duration connect, Duration read) {
        return new RegistryOptions(credentials, insecureRegistries, extraCaFile, platform, retryPolicy, connect, read);
    }

    /** Whether this host[:port] was named as a plain-HTTP registry. */
    public boolean isInsecure(String hostPort) {
        return insecureRegistries.contains(hostPort.toLowerCase(Locale.ROOT));
    }
}
