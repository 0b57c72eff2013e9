package io.portcullis.image.registry;

import io.portcullis.image.Digest;
import io.portcullis.image.Platform;

import java.util.List;

/**
 * The parts of an image config a scan needs.
 *
 * @param platform as the config declares it, or null when it does not
 * @param diffIds uncompressed layer digests, bottom first
 */
record ImageConfig(Platform platform, List<Digest> diffIds) {

    ImageConfig {
        diffIds = List.copyOf(diffIds);
    }
}
