package io.portcullis.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A docker-archive built the way {@code docker build} + {@code docker save} lays one out, without a
 * Docker engine: each layer is a directory packed by GNU tar (so modes such as setuid and whiteout
 * files are real tar entries), the config carries the {@code config} fields and history the test
 * plants, and the archive itself is packed by GNU tar.
 */
public final class BuiltImage {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(1);

    private final Path workDir;
    private final ObjectNode config = MAPPER.createObjectNode();
    private final ArrayNode history;
    private final List<Path> layerTars = new ArrayList<>();
    private final List<String> diffIds = new ArrayList<>();

    public BuiltImage(Path workDir) {
        this.workDir = workDir;
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("config");
        history = config.putArray("history");
    }

    /** The container settings ({@code config.User}, {@code config.Env}, ...). */
    public ObjectNode settings() {
        return (ObjectNode) config.get("config");
    }

    public ObjectNode root() {
        return config;
    }

    /** A build step that made no layer (ENV, LABEL, USER, EXPOSE ...). */
    public BuiltImage metadataStep(String createdBy) {
        history.addObject().put("created_by", createdBy).put("empty_layer", true);
        return this;
    }

    /** A build step whose layer is the content of {@code files} (a directory the test filled). */
    public BuiltImage layerStep(String createdBy, Path files) {
        history.addObject().put("created_by", createdBy);
        Path tar = workDir.resolve("layer" + layerTars.size() + ".tar");
        ExternalCommand.run(TAR_TIMEOUT, "tar", "--create", "--file", tar.toString(), "--directory", files.toString(),
                "--numeric-owner", "--owner=0", "--group=0", "--sort=name", ".");
        layerTars.add(tar);
        diffIds.add("sha256:" + sha256(tar));
        return this;
    }

    /** Writes the docker-archive to {@code file}, tagged {@code repoTag}. */
    public Path save(Path file, String repoTag) {
        try {
            Path archiveDir = Files.createDirectories(workDir.resolve("archive"));
            ArrayNode ids = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
            diffIds.forEach(ids::add);
            byte[] configBytes = MAPPER.writeValueAsBytes(config);
            String configName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(configBytes)) + ".json";
            Files.write(archiveDir.resolve(configName), configBytes);
            ArrayNode manifest = MAPPER.createArrayNode();
            ObjectNode entry = manifest.addObject();
            entry.put("Config", configName);
            entry.putArray("RepoTags").add(repoTag);
            ArrayNode layers = entry.putArray("Layers");
            for (int i = 0; i < layerTars.size(); i++) {
                String name = diffIds.get(i).substring("sha256:".length()) + "/layer.tar";
                if (!Files.exists(archiveDir.resolve(name))) {
                    // identical layers are stored once, as docker save does
                    Files.createDirectories(archiveDir.resolve(name).getParent());
                    Files.copy(layerTars.get(i), archiveDir.resolve(name));
                }
                layers.add(name);
            }
            Files.write(archiveDir.resolve("manifest.json"), MAPPER.writeValueAsBytes(manifest));
            ExternalCommand.run(TAR_TIMEOUT, "tar", "--create", "--file", file.toString(), "--directory", archiveDir.toString(), ".");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
