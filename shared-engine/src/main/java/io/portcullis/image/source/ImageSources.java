package io.portcullis.image.source;

import io.portcullis.InputException;
import io.portcullis.image.Digest;
import io.portcullis.image.Image;
import io.portcullis.image.ImageJson;
import io.portcullis.image.ImageReference;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.archive.DockerArchive;
import io.portcullis.image.archive.TarArchive;
import io.portcullis.image.oci.OciLayout;
import io.portcullis.image.rootfs.RootfsImage;
import io.portcullis.image.registry.RegistryCredentials;
import io.portcullis.image.registry.RegistryImage;
import io.portcullis.image.registry.RegistryOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens an image from the text a user gives:
 * <ul>
 *   <li>{@code docker-archive:PATH[:TAG]} — a {@code docker save} tarball, plain or gzipped</li>
 *   <li>{@code oci:PATH[:TAG|@DIGEST]} (or {@code oci-archive:}) — an OCI image layout directory or a tar of one</li>
 *   <li>{@code rootfs:PATH} or {@code dir:PATH} — a directory scanned as a single layer</li>
 *   <li>{@code registry:REF} or {@code docker://REF} — an image in a registry</li>
 *   <li>anything else: an existing file is sniffed (docker-archive or OCI layout tar), an existing
 *       directory is an OCI layout when it has {@code oci-layout} or {@code index.json} and a rootfs
 *       otherwise; {@code FILE:TAG} selects a tag in an existing file; all else is a registry reference</li>
 * </ul>
 */
public final class ImageSources {

    private ImageSources() {
    }

    /** Opens an image without registry credentials (anonymous pulls, local sources). */
    public static Image open(String spec, ImageSourceOptions options) {
        return open(spec, options, RegistryCredentials.none());
    }

    /**
     * @param credentials the only registry credentials used, each sent to its own registry; nothing is looked up
     *     in the environment or a Docker config
     */
    public static Image open(String spec, ImageSourceOptions options, RegistryCredentials credentials) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(credentials, "credentials");
        if (spec.isBlank()) {
            throw new InputException("empty image reference");
        }
        if (spec.startsWith("docker-archive:")) {
            PathAndSelector target = PathAndSelector.split(spec.substring("docker-archive:".length()), false);
            return DockerArchive.open(target.path(), target.selector(), options);
        }
        for (String prefix : new String[] {"oci:", "oci-archive:"}) {
            if (spec.startsWith(prefix)) {
                PathAndSelector target = PathAndSelector.split(spec.substring(prefix.length()), true);
                return OciLayout.open(target.path(), target.selector(), options);
            }
        }
        for (String prefix : new String[] {"rootfs:", "dir:"}) {
            if (spec.startsWith(prefix)) {
                return RootfsImage.open(Path.of(spec.substring(prefix.length())), options);
            }
        }
        if (spec.startsWith("registry:")) {
            return openRegistry(spec.substring("registry:".length()), options, credentials);
        }
        if (spec.startsWith("docker://")) {
            return openRegistry(spec.substring("docker://".length()), options, credentials);
        }
        return openBare(spec, options, credentials);
    }

    private static Image openRegistry(String reference, ImageSourceOptions options, RegistryCredentials credentials) {
        ImageReference image = ImageReference.parse(reference);
        RegistryOptions registry = RegistryOptions.defaults()
                .withCredentials(credentials)
                .withInsecureRegistries(options.insecureRegistries())
                .withPlatform(options.effectivePlatform())
                .withTransport(options.transport());
        if (options.caFile() != null) {
            registry = registry.withExtraCaFile(options.caFile());
        }
        try {
            return RegistryImage.open(image, registry);
        } catch (IOException e) {
            throw new InputException("cannot read image " + image + ": " + e.getMessage(), e);
        } catch (InputException e) {
            // The transport names only the registry; a user scanning several images needs to know which one failed.
            throw e.getMessage().contains(image.toString()) ? e : new InputException(e.getMessage() + " (image " + image + ")", e);
        }
    }

    private static Image openBare(String spec, ImageSourceOptions options, RegistryCredentials credentials) {
        Path path = pathOrNull(spec);
        if (path != null && Files.isDirectory(path)) {
            return isLayoutDirectory(path) ? OciLayout.open(path, null, options) : RootfsImage.open(path, options);
        }
        PathAndSelector local = PathAndSelector.find(spec, true);
        if (local != null && Files.isRegularFile(local.path())) {
            return sniff(local, options);
        }
        // A tag after a directory counts only for a layout: "nginx:1.25" must not open a folder named nginx.
        if (local != null && isLayoutDirectory(local.path())) {
            return OciLayout.open(local.path(), local.selector(), options);
        }
        return openRegistry(spec, options, credentials);
    }

    private static boolean isLayoutDirectory(Path path) {
        return Files.isDirectory(path) && (Files.exists(path.resolve("oci-layout")) || Files.exists(path.resolve("index.json")));
    }

    /** Opens a tar whose kind the user did not name: manifest.json makes it a docker-archive, index.json an OCI layout. */
    private static Image sniff(PathAndSelector target, ImageSourceOptions options) {
        TarArchive archive = TarArchive.open(target.path(), options);
        String selector = target.selector();
        if (archive.find("manifest.json").isPresent()) {
            return DockerArchive.read(archive, selector, "docker-archive:" + target.path() + target.suffix());
        }
        if (archive.find("index.json").isPresent()) {
            return OciLayout.read(archive, selector, options, "oci:" + target.path() + target.suffix());
        }
        try {
            archive.close();
        } catch (IOException ignored) {
            // the message below is what the user needs
        }
        throw new InputException(target.path() + ": neither a docker-archive (no manifest.json) nor an OCI layout (no index.json)");
    }

    private static Path pathOrNull(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A path that exists, and what follows it in the spec (a tag, or a digest after '@'). */
    record PathAndSelector(Path path, String selector) {

        /**
         * Splits "PATH[:TAG]" (and "PATH@DIGEST" when {@code digestAllowed}). Tags contain ':' themselves
         * ("alpine:3.11") and so may paths, so the split is the first one whose left side exists.
         */
        static PathAndSelector split(String text, boolean digestAllowed) {
            PathAndSelector found = find(text, digestAllowed);
            if (found == null) {
                throw new InputException(text + ": no such file or directory");
            }
            return found;
        }

        /** As {@link #split}, but null when no prefix of {@code text} exists. */
        static PathAndSelector find(String text, boolean digestAllowed) {
            Path whole = pathOrNull(text);
            if (whole != null && Files.exists(whole)) {
                return new PathAndSelector(whole, null);
            }
            if (digestAllowed) {
                int at = text.lastIndexOf('@');
                Path prefix = at > 0 ? pathOrNull(text.substring(0, at)) : null;
                if (prefix != null && Files.exists(prefix)) {
                    String digest = text.substring(at + 1);
                    ImageJson.digest(digest, text);
                    return new PathAndSelector(prefix, digest);
                }
            }
            for (int colon = text.indexOf(':'); colon > 0; colon = text.indexOf(':', colon + 1)) {
                Path prefix = pathOrNull(text.substring(0, colon));
                if (prefix != null && Files.exists(prefix)) {
                    return new PathAndSelector(prefix, text.substring(colon + 1));
                }
            }
            return null;
        }

        /** How the selector reads back in a spec: "@sha256:..." for a digest, ":TAG" for a tag. */
        String suffix() {
            if (selector == null) {
                return "";
            }
            return Digest.parse(selector).isPresent() ? "@" + selector : ":" + selector;
        }
    }
}
