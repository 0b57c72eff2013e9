package io.portcullis.image.oci;

import io.portcullis.image.Platform;

/** Whether an index entry's platform is the requested one. */
final class PlatformMatch {

    private PlatformMatch() {
    }

    /** Equal after containerd's normalisation, as the registry source compares them. */
    static boolean matches(Platform wanted, Platform candidate) {
        return candidate != null && wanted.normalised().equals(candidate.normalised());
    }

    /** Build attestations and other non-image entries carry unknown/unknown; they are never a choice. */
    static boolean isUnknown(Platform platform) {
        return platform != null && platform.os().equals("unknown") && platform.architecture().equals("unknown");
    }
}
