package io.portcullis.image.oci;

import io.portcullis.image.Platform;

import java.util.Objects;

/** Whether an index entry's platform satisfies the requested one. */
final class PlatformMatch {

    private PlatformMatch() {
    }

    /**
     * os and architecture must be equal; a request without variant accepts any variant, and arm64
     * without variant is the same as arm64/v8 (as containerd's platform matcher treats it).
     */
    static boolean matches(Platform wanted, Platform candidate) {
        if (candidate == null || !wanted.os().equals(candidate.os()) || !wanted.architecture().equals(candidate.architecture())) {
            return false;
        }
        if (wanted.variant() == null) {
            return true;
        }
        return Objects.equals(canonicalVariant(wanted), canonicalVariant(candidate));
    }

    private static String canonicalVariant(Platform platform) {
        if (platform.variant() == null && platform.architecture().equals("arm64")) {
            return "v8";
        }
        return platform.variant();
    }

    /** Build attestations and other non-image entries carry unknown/unknown; they are never a choice. */
    static boolean isUnknown(Platform platform) {
        return platform != null && platform.os().equals("unknown") && platform.architecture().equals("unknown");
    }
}
