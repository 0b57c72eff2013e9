package io.portcullis.image;

import io.portcullis.InputException;

import java.util.Locale;
import java.util.Objects;

/** An image platform as OCI indexes describe it: os/architecture[/variant]. */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
    }

    /** Parses {@code os/arch[/variant]}, as given to {@code --platform}. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InputException("invalid platform '" + text + "': expected os/arch[/variant], e.g. linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * This platform after containerd's normalisation (platforms.Normalize): lower case, OS and
     * architecture aliases, default variants. So linux/arm64 and linux/arm64/v8 are equal, as are
     * linux/arm and linux/arm/v7, linux/x86_64 and linux/amd64. Every image source compares
     * platforms this way, so each chooses the same manifest.
     */
    public Platform normalised() {
        String normalOs = os.toLowerCase(Locale.ROOT);
        if (normalOs.equals("macos")) {
            normalOs = "darwin";
        }
        String arch = architecture.toLowerCase(Locale.ROOT);
        String normalVariant = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386" -> {
                arch = "386";
                normalVariant = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (normalVariant.equals("v1")) {
                    normalVariant = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                normalVariant = switch (normalVariant) {
                    case "8", "v8", "v8.0" -> "";
                    case "9", "9.0", "v9.0" -> "v9";
                    default -> normalVariant;
                };
            }
            case "armhf" -> {
                arch = "arm";
                normalVariant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                normalVariant = "v6";
            }
            case "arm" -> normalVariant = switch (normalVariant) {
                case "", "7" -> "v7";
                case "5", "6", "8" -> "v" + normalVariant;
                default -> normalVariant;
            };
            default -> {
            }
        }
        return new Platform(normalOs, arch, normalVariant);
    }

    @Override
    public String toString() {
        return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }
}
