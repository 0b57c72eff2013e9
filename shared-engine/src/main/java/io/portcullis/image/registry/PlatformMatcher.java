package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Platform;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Picks one platform's manifest from an index. Platforms are compared after containerd's
 * normalisation, so "linux/arm64" and "linux/arm64/v8" are the same platform, as are
 * "linux/arm" and "linux/arm/v7", "linux/x86_64" and "linux/amd64".
 */
final class PlatformMatcher {

    private PlatformMatcher() {
    }

    static Descriptor select(List<Descriptor> manifests, Platform wanted, String what) {
        Platform target = wanted.normalised();
        for (Descriptor manifest : manifests) {
            if (manifest.platform() != null && manifest.platform().normalised().equals(target)) {
                return manifest;
            }
        }
        String available = manifests.stream()
                .map(Descriptor::platform)
                .filter(Objects::nonNull)
                .map(Platform::toString)
                .filter(p -> !p.equals("unknown/unknown")) // attestation manifests, not images
                .distinct()
                .collect(Collectors.joining(", "));
        throw new InputException("image " + what + " has no manifest for platform " + wanted
                + "; available: " + (available.isEmpty() ? "(none declared)" : available));
    }
}
