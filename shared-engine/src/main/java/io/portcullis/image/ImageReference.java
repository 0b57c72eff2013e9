package io.portcullis.image;

import io.portcullis.InputException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry image reference, parsed and normalised as Docker does: {@code alpine} is
 * {@code docker.io/library/alpine:latest}, {@code user/app} is {@code docker.io/user/app:latest}.
 *
 * @param registry the registry as written, lower case, e.g. "docker.io", "ghcr.io", "127.0.0.1:5000"
 * @param repository the repository path, e.g. "library/alpine"
 * @param tag the tag, or null when only a digest was given
 * @param digest "algorithm:hex", or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
    private static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;

    // The grammar of github.com/distribution/reference, component by component.
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6_HOST = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

    public ImageReference {
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
    }

    /** Parses a reference as {@code docker pull} accepts it; fails with an {@link InputException} naming it. */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InputException("invalid image reference '': it is empty");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!SHA256.matcher(digest).matches() && !SHA512.matcher(digest).matches()) {
                throw invalid(text, "digest must be sha256:<64 lower-case hex> or sha512:<128 lower-case hex>");
            }
        }
        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            tag = rest.substring(lastColon + 1);
            rest = rest.substring(0, lastColon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "tag '" + tag + "' must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
            }
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash > 0 && looksLikeRegistry(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            repository = rest.substring(slash + 1);
            checkRegistry(text, registry);
            registry = registry.toLowerCase(Locale.ROOT);
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        checkRepository(text, repository);
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Docker's rule: the first component names a registry when it contains '.' or ':', is "localhost", or has upper case. */
    private static boolean looksLikeRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first);
    }

    private static void checkRegistry(String text, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            host = close < 0 ? registry : registry.substring(0, close + 1);
            String after = close < 0 ? "" : registry.substring(close + 1);
            if (!IPV6_HOST.matcher(host).matches() || !(after.isEmpty() || after.startsWith(":"))) {
                throw invalid(text, "registry '" + registry + "' is not a valid host[:port]");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw invalid(text, "registry '" + registry + "' is not a valid host[:port]");
                }
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            throw invalid(text, "registry port '" + port + "' is not a port number");
        }
    }

    private static void checkRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw invalid(text, "the repository name is empty");
        }
        if (!repository.toLowerCase(Locale.ROOT).equals(repository)) {
            throw invalid(text, "repository name must be lowercase");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(text, "repository path component '" + component
                        + "' must be lower-case letters and digits separated by '.', '_', '__' or '-'");
            }
        }
    }

    private static InputException invalid(String text, String why) {
        return new InputException("invalid image reference '" + text + "': " + why);
    }

    /** The host[:port] that serves the registry API: Docker Hub's is registry-1.docker.io. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
    }

    /** What the manifest is fetched by: the digest when there is one (the tag is then informative only), else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(registry).append('/').append(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }
}
