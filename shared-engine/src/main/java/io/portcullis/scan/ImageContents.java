package io.portcullis.scan;

import io.portcullis.inventory.Inventory;
import io.portcullis.layer.LayerSecret;
import io.portcullis.layer.SpecialModeFile;

import java.util.List;

/**
 * What the layer pass found in an image's files: the inventory, and the facts the checks judge.
 *
 * @param inventory what is installed
 * @param secrets credentials in layer files (only when a secret analyzer ran), removed ones included
 * @param specialModeFiles setuid and setgid files of the merged filesystem
 */
public record ImageContents(Inventory inventory, List<LayerSecret> secrets, List<SpecialModeFile> specialModeFiles) {
    public ImageContents {
        secrets = List.copyOf(secrets);
        specialModeFiles = List.copyOf(specialModeFiles);
    }
}
