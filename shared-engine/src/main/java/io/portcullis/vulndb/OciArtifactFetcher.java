package io.portcullis.vulndb;

import io.portcullis.InputException;
import io.portcullis.image.registry.RegistryArtifact;
import io.portcullis.image.registry.RegistryClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fetches the OSV zips of an OCI artifact into the same content-addressed cache as URL sources. Blobs are
 * addressed by digest, so a blob already in the cache is not fetched again: fetching the manifest is the
 * artifact's conditional GET.
 */
final class OciArtifactFetcher {

    /**
     * The zips to read, their cache entries by download key, whether every one was already cached, and the
     * Maven checksum index the artifact carries (null when it has none).
     */
    record Fetched(List<Path> zips, Map<String, DownloadState> states, boolean notModified, Path mavenIndex) {
    }

    private final RegistryClient client;
    private final Path cacheDirectory;

    OciArtifactFetcher(RegistryClient client, Path cacheDirectory) {
        this.client = client;
        this.cacheDirectory = cacheDirectory;
    }

    /** @param previous the download states the current DB remembers, by key */
    Fetched fetch(OsvSource.Oci source, Map<String, DownloadState> previous) {
        String name = source.displayName();
        RegistryArtifact artifact;
        try {
            artifact = client.openArtifact(source.reference());
        } catch (IOException | InputException e) {
            throw new InputException("cannot fetch OSV artifact " + name + ": " + e.getMessage(), e);
        }
        List<RegistryArtifact.Blob> zips = artifact.blobs().stream()
                .filter(b -> OsvSource.Oci.ZIP_MEDIA_TYPES.contains(b.mediaType())).toList();
        if (zips.isEmpty()) {
            TreeSet<String> found = new TreeSet<>();
            artifact.blobs().forEach(b -> found.add(String.valueOf(b.mediaType())));
            throw new InputException("OSV artifact " + name + " has no blob of media type "
                    + OsvSource.Oci.OSV_ZIP_MEDIA_TYPE + " or application/zip (found: "
                    + (found.isEmpty() ? "no blobs" : String.join(", ", found)) + ")");
        }
        List<RegistryArtifact.Blob> wanted = new ArrayList<>(zips);
        RegistryArtifact.Blob indexBlob = artifact.blobs().stream()
                .filter(b -> OsvSource.Oci.MAVEN_INDEX_MEDIA_TYPE.equals(b.mediaType())).findFirst().orElse(null);
        if (indexBlob != null) {
            wanted.add(indexBlob);
        }
        List<Path> paths = new ArrayList<>();
        Path mavenIndex = null;
        Map<String, DownloadState> states = new LinkedHashMap<>();
        boolean allCached = true;
        for (RegistryArtifact.Blob blob : wanted) {
            String key = name + " " + blob.digest();
            Path cached = blob.digest().startsWith("sha256:")
                    ? cacheDirectory.resolve(blob.digest().substring("sha256:".length()) + ".zip") : null;
            Path zip;
            if (cached != null && Files.isRegularFile(cached)) {
                zip = cached;
            } else {
                zip = download(artifact, blob, name);
                allCached = false;
            }
            allCached &= previous.containsKey(key);
            if (blob == indexBlob) {
                mavenIndex = zip;
            } else {
                paths.add(zip);
            }
            states.put(key, new DownloadState(artifact.digest(), null, zip.getFileName().toString().replace(".zip", "")));
        }
        return new Fetched(paths, states, allCached, mavenIndex);
    }

    /** The cached file is written only after the whole blob passed its digest check. */
    private Path download(RegistryArtifact artifact, RegistryArtifact.Blob blob, String name) {
        try {
            Files.createDirectories(cacheDirectory);
            Path temp = Files.createTempFile(cacheDirectory, ".download-", ".tmp");
            try {
                MessageDigest sha256 = ZipDownloader.sha256();
                try (InputStream in = artifact.open(blob);
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                    in.transferTo(out);
                }
                Path target = cacheDirectory.resolve(HexFormat.of().formatHex(sha256.digest()) + ".zip");
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InputException("cannot fetch OSV artifact " + name + ": " + e.getMessage(), e);
        }
    }
}
