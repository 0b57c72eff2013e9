package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Platform;

import java.util.List;
import java.util.Locale;
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
        Platform target = normalise(wanted);
        for (Descriptor manifest : manifests) {
            if (manifest.platform() != null && normalise(manifest.platform()).equals(target)) {
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

    /** containerd's platforms.Normalize: lower case, OS and architecture aliases, default variants. */
    static Platform normalise(Platform platform) {
        String os = platform.os().toLowerCase(Locale.ROOT);
        if (os.equals("macos")) {
            os = "darwin";
        }
        String arch = platform.architecture().toLowerCase(Locale.ROOT);
        String variant = platform.variant() == null ? "" : platform.variant().toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386" -> {
                arch = "386";
                variant = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (variant.equals("v1")) {
                    variant = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                variant = switch (variant) {
                    case "8", "v8", "v8.0" -> "";
                    case "9", "9.0", "v9.0" -> "v9";
                    default -> variant;
                };
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" -> variant = switch (variant) {
                case "", "7" -> "v7";
                case "5", "6", "8" -> "v" + variant;
                default -> variant;
            };
            default -> {
            }
        }
        return new Platform(os, arch, variant);
    }
}
