package io.portcullis.vulndb;

import io.portcullis.InputException;
import io.portcullis.image.ImageReference;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where OSV records come from: a directory of {@code *.json}, a zip like osv.dev's {@code all.zip}, a URL to such a
 * zip, or an OCI artifact in a registry whose blobs are such zips.
 */
public sealed interface OsvSource {

    /** How the source is named in reports and in the DB metadata; never contains credentials. */
    String displayName();

    /** A directory whose {@code *.json} files (searched recursively) are OSV records. */
    record Directory(Path path) implements OsvSource {
        public Directory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String displayName() {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /** A zip with one {@code <ID>.json} per record. */
    record Zip(Path path) implements OsvSource {
        public Zip {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String displayName() {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /** An http(s) URL to a zip; fetched with a conditional GET. User info in the URL is sent as basic auth to that host only. */
    record Url(URI uri) implements OsvSource {
        public Url {
            Objects.requireNonNull(uri, "uri");
        }

        /** The URL without user info, query or fragment, which may carry secrets. */
        @Override
        public String displayName() {
            return redact(uri);
        }

        static String redact(URI uri) {
            StringBuilder text = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                text.append(':').append(uri.getPort());
            }
            if (uri.getRawPath() != null) {
                text.append(uri.getRawPath());
            }
            return text.toString();
        }
    }

    /**
     * An OCI artifact, {@code oci://HOST[:PORT]/REPO:TAG} or {@code ...@sha256:...}, fetched with the engine's registry
     * client. Its blobs of media type {@link #OSV_ZIP_MEDIA_TYPE} or {@code application/zip} are the zips; others
     * are ignored.
     */
    record Oci(ImageReference reference) implements OsvSource {

        public static final String SCHEME = "oci://";
        /** The media type to push OSV zips with: {@code oras push REF all.zip:application/vnd.portcullis.osv.zip}. */
        public static final String OSV_ZIP_MEDIA_TYPE = "application/vnd.portcullis.osv.zip";
        public static final Set<String> ZIP_MEDIA_TYPES = Set.of(OSV_ZIP_MEDIA_TYPE, "application/zip");
        /** A blob that is a Maven checksum index file ({@link MavenChecksumIndex}), installed beside the DB. */
        public static final String MAVEN_INDEX_MEDIA_TYPE = "application/vnd.portcullis.maven-index.v1+sqlite";

        public Oci {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public String displayName() {
            return SCHEME + reference;
        }
    }

    /** Reads a command-line argument: {@code oci://} reference, an http(s) URL, an existing directory, or a zip file. */
    static OsvSource parse(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        if (lower.startsWith(Oci.SCHEME)) {
            return new Oci(ImageReference.parse(argument.substring(Oci.SCHEME.length())));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                return new Url(URI.create(argument));
            } catch (IllegalArgumentException e) {
                throw new InputException("not a valid URL: " + argument.replaceAll("//[^/@]*@", "//"));
            }
        }
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        if (Files.isRegularFile(path)) {
            return new Zip(path);
        }
        throw new InputException("OSV source not found: " + argument);
    }

    /** osv.dev's public bucket: one {@code <Ecosystem>/all.zip} per ecosystem. */
    String OSV_DEV_BASE = "https://osv-vulnerabilities.storage.googleapis.com/";

    /** One {@code all.zip} URL per ecosystem under {@code base}, laid out as osv.dev's bucket (a mirror of it, or osv.dev itself). */
    static java.util.List<OsvSource> bucket(String base, java.util.List<Ecosystem> ecosystems) {
        String root = base.endsWith("/") ? base : base + "/";
        java.util.List<OsvSource> sources = new java.util.ArrayList<>();
        for (Ecosystem ecosystem : ecosystems) {
            sources.add(new Url(URI.create(root + ecosystem.osvName().replace(" ", "%20") + "/all.zip")));
        }
        return java.util.List.copyOf(sources);
    }
}
