package io.portcullis.image.registry;

import io.portcullis.image.Digest;
import io.portcullis.image.Platform;

/**
 * A reference to content by digest, as manifests and indexes hold them.
 *
 * @param platform only for the entries of an index; null elsewhere or when the index gives none
 */
record Descriptor(String mediaType, Digest digest, long size, Platform platform) {
}
