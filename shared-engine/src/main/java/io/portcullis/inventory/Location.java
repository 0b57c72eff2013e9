package io.portcullis.inventory;

import java.util.Objects;

/**
 * Where a package was found: the layer (by diffID) and the path inside the merged filesystem.
 * Paths inside nested archives are joined with {@code !/}, e.g. {@code app.jar!/BOOT-INF/lib/x.jar}.
 */
public record Location(String layerDiffId, String path) {
    public Location {
        Objects.requireNonNull(path, "path");
    }
}
