package io.portcullis.inventory.os;

import io.portcullis.inventory.OperatingSystem;

import java.util.List;
import java.util.Map;

/**
 * Chooses one distribution when an image has several release files (after the layer merge).
 * os-release wins (etc/ over usr/lib/, as the specification orders them), then lsb-release, then
 * the distribution-specific one-line files. When the winner has no version (distroless Debian
 * ships an os-release without VERSION_ID) the version comes from a file naming the same id.
 */
public final class OsResolution {

    /** Most specific first: a rocky-release beats the redhat-release Rocky also ships. */
    private static final List<String> PRECEDENCE = List.of(
            "etc/os-release", "usr/lib/os-release", OsReleaseAnalyzer.LSB_RELEASE,
            "etc/centos-release", "etc/rocky-release", "etc/almalinux-release", "etc/oracle-release",
            "etc/fedora-release", "etc/redhat-release", "etc/system-release",
            OsReleaseAnalyzer.ALPINE_RELEASE, OsReleaseAnalyzer.DEBIAN_VERSION);

    private OsResolution() {
    }

    /**
     * @param byPath the distribution each release file declares, keyed by its path
     * @return the image's distribution, or null when no file declared one
     */
    public static OperatingSystem resolve(Map<String, OperatingSystem> byPath) {
        OperatingSystem chosen = null;
        for (String path : PRECEDENCE) {
            if (byPath.containsKey(path)) {
                chosen = byPath.get(path);
                break;
            }
        }
        if (chosen == null || chosen.versionId() != null) {
            return chosen;
        }
        for (String path : PRECEDENCE) {
            OperatingSystem other = byPath.get(path);
            if (other != null && other.id().equals(chosen.id()) && other.versionId() != null) {
                String codename = chosen.codename() != null ? chosen.codename() : other.codename();
                return new OperatingSystem(chosen.id(), other.versionId(), codename, chosen.prettyName());
            }
        }
        return chosen;
    }
}
