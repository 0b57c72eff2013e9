package io.portcullis.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an image config blob a scan needs: platform and the uncompressed layer digests.
 *
 * @param platform as the config declares it; null when it lacks os or architecture
 * @param diffIds uncompressed layer digests, bottom first
 * @param blob the whole blob, for the image configuration checks
 */
public record ImageConfig(Platform platform, List<String> diffIds, ConfigBlob blob) {

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
        Platform platform = os == null || architecture == null ? null : new Platform(os, architecture, Descriptor.text(root, "variant"));
        List<String> ids = new ArrayList<>();
        for (JsonNode id : diffIds) {
            ids.add(ImageJson.digest(id.asText(), source).toString());
        }
        return new ImageConfig(platform, ids, new ConfigBlob(json));
    }

    /**
     * The declared platform, for sources with no index entry to fall back on (a registry can take
     * the platform from the index instead).
     */
    public Platform requirePlatform(String source) {
        if (platform == null) {
            throw new InputException(source + ": image config lacks os or architecture");
        }
        return platform;
    }
}
