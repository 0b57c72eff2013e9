package io.portcullis.image;

import java.util.List;

/**
 * Identity of a scanned image, carried into every report and SBOM.
 *
 * @param reference what the user asked for, normalised (e.g. "docker.io/library/alpine:3.11")
 * @param manifestDigest digest of the image manifest, or null where the source has none (rootfs dir)
 * @param configDigest digest of the image config blob, or null where the source has none
 * @param platform the platform of the chosen manifest
 * @param layerDigests blob digests, bottom layer first
 * @param diffIds uncompressed layer digests, bottom layer first
 * @param repoTags tags the source names the image by (docker-archive RepoTags, OCI ref names); may be empty
 * @param config the config blob, or null where the source has none (rootfs dir)
 */
public record ImageMetadata(
        String reference,
        String manifestDigest,
        String configDigest,
        Platform platform,
        List<String> layerDigests,
        List<String> diffIds,
        List<String> repoTags,
        ConfigBlob config) {

    /** Metadata of a source without a config blob. */
    public ImageMetadata(String reference, String manifestDigest, String configDigest, Platform platform,
                         List<String> layerDigests, List<String> diffIds, List<String> repoTags) {
        this(reference, manifestDigest, configDigest, platform, layerDigests, diffIds, repoTags, null);
    }

    public ImageMetadata {
        layerDigests = List.copyOf(layerDigests);
        diffIds = List.copyOf(diffIds);
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    }
}
