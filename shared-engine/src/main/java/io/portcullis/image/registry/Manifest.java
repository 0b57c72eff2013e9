package io.portcullis.image.registry;

import io.portcullis.image.Digest;

/** A fetched manifest document: either one image's manifest or an index of per-platform manifests. */
sealed interface Manifest permits ImageManifest, ImageIndex {

    String mediaType();

    /** The digest of the bytes as the registry served them. */
    Digest digest();
}
