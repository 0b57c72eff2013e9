package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.util.ArrayList;
import java.util.List;

/** The parts of an image config blob a scan needs: platform and the uncompressed layer digests. */
public record ImageConfig(Platform platform, List<String> diffIds) {

    public ImageConfig {
        diffIds = List.copyOf(diffIds);
    }

    public static ImageConfig parse(byte[] json, String source) {
        JsonNode root = ImageJson.parse(json, source);
        JsonNode diffIds = root.path("rootfs").get("diff_ids");
        if (diffIds == null || !diffIds.isArray()) {
            throw new InputException(source + ": not an image config (no rootfs.diff_ids)");
        }
        String os = Descriptor.text(root, "os");
        String architecture = Descriptor.text(root, "architecture");
        if (os == null || architecture == null) {
            throw new InputException(source + ": image config lacks os or architecture");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : diffIds) {
            ids.add(ImageJson.digest(id.asText(), source).toString());
        }
        return new ImageConfig(new Platform(os, architecture, Descriptor.text(root, "variant")), ids);
    }
}
