package io.portcullis.inventory;

import java.util.Objects;

/**
 * The distribution an image is based on, as os-release and friends describe it.
 *
 * @param id lower-case distro id as in os-release {@code ID} ("debian", "alpine", "almalinux")
 * @param versionId os-release {@code VERSION_ID} or the best equivalent ("12", "3.11.6"); may be null
 * @param codename e.g. "bookworm"; may be null
 * @param prettyName human-readable name; may be null
 */
public record OperatingSystem(String id, String versionId, String codename, String prettyName) {
    public OperatingSystem {
        Objects.requireNonNull(id, "id");
    }
}
