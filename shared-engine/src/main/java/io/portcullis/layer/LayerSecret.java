package io.portcullis.layer;

import io.portcullis.inventory.analyzer.FoundSecret;

/**
 * A credential in one layer's file, as the merge sees it against the layers above.
 *
 * @param layerIndex position of the layer, 0 for the bottom one
 * @param layerDiffId the layer's diffID, or null for a root filesystem directory
 * @param path root-relative path
 * @param secret what matched, redacted
 * @param removed a later layer deleted or replaced the file: it is no longer in the container's
 *     filesystem, but still in the image's layer blobs for anyone who pulls them
 */
public record LayerSecret(int layerIndex, String layerDiffId, String path, FoundSecret secret, boolean removed) {
}
