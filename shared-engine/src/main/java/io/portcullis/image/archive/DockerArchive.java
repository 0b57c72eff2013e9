package io.portcullis.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;
import io.portcullis.image.BlobPath;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Digest;
import io.portcullis.image.Image;
import io.portcullis.image.ImageConfig;
import io.portcullis.image.ImageIndex;
import io.portcullis.image.ImageJson;
import io.portcullis.image.ImageManifest;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Layer;
import io.portcullis.image.LocalImage;
import io.portcullis.image.MediaTypes;
import io.portcullis.image.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tarball {@code docker save} writes: the classic layout ({@code manifest.json},
 * {@code <id>/layer.tar}, {@code <config-hex>.json}) and the OCI-style one of Docker 25+
 * ({@code manifest.json} pointing into {@code blobs/sha256/}, next to {@code index.json}).
 * {@code manifest.json} drives both, as it drives {@code docker load}.
 */
public final class DockerArchive {

    private static final Pattern CLASSIC_CONFIG = Pattern.compile("([a-f0-9]{64})\\.json");
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([a-f0-9]+)");

    private DockerArchive() {
    }

    /**
     * Opens the archive at {@code file} and selects the image tagged {@code tag} (a RepoTag such
     * as "alpine:3.11"), or the only image when {@code tag} is null.
     */
    public static Image open(Path file, String tag, ImageSourceOptions options) {
        TarArchive archive = TarArchive.open(file, options);
        return read(archive, tag, "docker-archive:" + file + (tag == null ? "" : ":" + tag));
    }

    /** Reads an image from an opened archive, taking ownership of it: the image closes it, and so does a failure here. */
    public static Image read(TarArchive archive, String tag, String reference) {
        try {
            return readImage(archive, tag, reference);
        } catch (RuntimeException e) {
            closeQuietly(archive);
            throw e;
        }
    }

    private static Image readImage(TarArchive archive, String tag, String reference) {
        Path file = archive.file();
        TarArchive.Entry manifestEntry = archive.find("manifest.json").orElseThrow(() -> new InputException(
                file + ": not a docker-archive: no manifest.json"
                        + (archive.find("index.json").isPresent() ? " (it holds index.json: open it as oci:" + file + ")" : "")));
        List<ManifestEntry> entries = ManifestEntry.parseAll(readSmall(archive, manifestEntry), file + " (manifest.json)");
        ManifestEntry chosen = select(entries, tag, file);

        TarArchive.Entry configEntry = archive.find(chosen.config()).orElseThrow(() -> new InputException(
                file + ": config " + chosen.config() + " named in manifest.json is missing from the archive"));
        byte[] configBytes = readSmall(archive, configEntry);
        Digest configDigest = Digest.sha256(configBytes);
        Digest statedConfig = digestInName(chosen.config());
        if (statedConfig != null && !statedConfig.matches(configBytes)) {
            throw new InputException(file + ": config " + chosen.config() + " does not match the digest its name states");
        }
        String configSource = file + " (" + chosen.config() + ")";
        ImageConfig config = ImageConfig.parse(configBytes, configSource);
        Platform platform = config.requirePlatform(configSource);
        if (config.diffIds().size() != chosen.layers().size()) {
            throw new InputException(file + ": manifest.json lists " + chosen.layers().size() + " layers but the config has "
                    + config.diffIds().size() + " rootfs.diff_ids");
        }

        OciManifest oci = ociManifestFor(archive, configDigest);

        List<Layer> layers = new ArrayList<>();
        List<String> layerDigests = new ArrayList<>();
        for (int i = 0; i < chosen.layers().size(); i++) {
            String path = chosen.layers().get(i);
            TarArchive.Entry entry = archive.find(path).orElseThrow(() -> new InputException(
                    file + ": layer " + path + " named in manifest.json is missing from the archive"));
            String diffId = config.diffIds().get(i);
            Digest stated = digestInName(path);
            Digest digest = stated != null ? stated : classicLayerDigest(archive, entry, diffId);
            String mediaType = oci != null && oci.manifest().layers().size() == chosen.layers().size()
                    ? oci.manifest().layers().get(i).mediaType() : null;
            if (mediaType != null && !MediaTypes.isLayer(mediaType)) {
                throw new InputException(file + ": unknown layer media type " + mediaType + " for " + path);
            }
            layers.add(new ArchiveLayer(archive, entry, digest, diffId, mediaType));
            layerDigests.add(digest.toString());
        }
        ImageMetadata metadata = new ImageMetadata(reference, oci == null ? null : oci.descriptor().digest().toString(),
                configDigest.toString(), platform, layerDigests, config.diffIds(), chosen.repoTags(), config.blob());
        return new LocalImage(metadata, layers, archive);
    }

    private static ManifestEntry select(List<ManifestEntry> entries, String tag, Path file) {
        if (entries.isEmpty()) {
            throw new InputException(file + ": manifest.json lists no images");
        }
        if (tag == null) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw new InputException(file + " holds " + entries.size() + " images; choose one as docker-archive:" + file
                    + ":TAG (tags: " + allTags(entries) + ")");
        }
        String wanted = RepoTags.normalise(tag);
        return entries.stream()
                .filter(e -> e.repoTags().stream().map(RepoTags::normalise).anyMatch(wanted::equals))
                .findFirst()
                .orElseThrow(() -> new InputException(file + " has no image tagged " + tag + " (tags: " + allTags(entries) + ")"));
    }

    private static String allTags(List<ManifestEntry> entries) {
        List<String> tags = new ArrayList<>();
        for (ManifestEntry entry : entries) {
            if (entry.repoTags().isEmpty()) {
                tags.add("<untagged " + entry.config() + ">");
            }
            tags.addAll(entry.repoTags());
        }
        return String.join(", ", tags);
    }

    /**
     * The digest a classic layer.tar is stored under. docker save writes layers uncompressed, so it
     * equals the diff id; a layer some other tool stored compressed is hashed once here instead.
     */
    private static Digest classicLayerDigest(TarArchive archive, TarArchive.Entry entry, String diffId) {
        try (InputStream in = archive.open(entry)) {
            byte[] magic = in.readNBytes(4);
            boolean compressed = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                    || magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd;
            if (!compressed) {
                return ImageJson.digest(diffId, archive.file().toString());
            }
            MessageDigest hasher = MessageDigest.getInstance("SHA-256");
            hasher.update(magic);
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                hasher.update(buffer, 0, n);
            }
            return new Digest("sha256", HexFormat.of().formatHex(hasher.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        } catch (IOException e) {
            throw new InputException(archive.file() + ": cannot read layer " + entry.name() + ": " + e.getMessage(), e);
        }
    }

    /** An OCI manifest of a Docker 25+ archive, and the index.json entry that points at it. */
    private record OciManifest(Descriptor descriptor, ImageManifest manifest) {
    }

    /** In a Docker 25+ archive, the OCI manifest from index.json whose config is {@code configDigest}; else null. */
    private static OciManifest ociManifestFor(TarArchive archive, Digest configDigest) {
        TarArchive.Entry indexEntry = archive.find("index.json").orElse(null);
        if (indexEntry == null) {
            return null;
        }
        String source = archive.file() + " (index.json)";
        for (Descriptor descriptor : ImageIndex.parse(readSmall(archive, indexEntry), source).manifests()) {
            if (!MediaTypes.isManifest(descriptor.mediaType()) || archive.find(BlobPath.of(descriptor.digest())).isEmpty()) {
                continue;
            }
            byte[] manifest = readBlob(archive, descriptor.digest());
            ImageManifest parsed = ImageManifest.parse(manifest, archive.file() + " (" + BlobPath.of(descriptor.digest()) + ")");
            if (Objects.equals(parsed.config().digest(), configDigest)) {
                return new OciManifest(descriptor, parsed);
            }
        }
        return null;
    }

    private static byte[] readBlob(TarArchive archive, Digest digest) {
        TarArchive.Entry entry = archive.find(BlobPath.of(digest)).orElseThrow(() -> new InputException(
                archive.file() + ": blob " + digest + " is missing from the archive"));
        byte[] bytes = readSmall(archive, entry);
        if (!digest.matches(bytes)) {
            throw new InputException(archive.file() + ": blob " + BlobPath.of(digest) + " does not match its digest");
        }
        return bytes;
    }

    private static byte[] readSmall(TarArchive archive, TarArchive.Entry entry) {
        String source = archive.file() + " (" + entry.name() + ")";
        try (InputStream in = archive.open(entry)) {
            return ImageJson.readBounded(in, source);
        } catch (IOException e) {
            throw new InputException(source + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** The digest a path states: "blobs/sha256/<hex>" or a classic "<hex>.json" config name; null for other names. */
    private static Digest digestInName(String path) {
        String name = TarArchive.normalise(path);
        Matcher blob = BLOB_PATH.matcher(name);
        if (blob.matches() && Digest.parse(blob.group(1) + ":" + blob.group(2)).isPresent()) {
            return new Digest(blob.group(1), blob.group(2));
        }
        Matcher config = CLASSIC_CONFIG.matcher(name);
        return config.matches() ? new Digest("sha256", config.group(1)) : null;
    }

    private static void closeQuietly(TarArchive archive) {
        try {
            archive.close();
        } catch (IOException ignored) {
            // the error being thrown is the one to report
        }
    }

    /** One image of manifest.json. */
    record ManifestEntry(String config, List<String> repoTags, List<String> layers) {

        static List<ManifestEntry> parseAll(byte[] json, String source) {
            JsonNode root = ImageJson.parse(json, source);
            if (!root.isArray()) {
                throw new InputException(source + ": expected a JSON array of images");
            }
            List<ManifestEntry> entries = new ArrayList<>();
            for (JsonNode node : root) {
                JsonNode config = node.get("Config");
                JsonNode layers = node.get("Layers");
                if (config == null || !config.isTextual() || layers == null || !layers.isArray()) {
                    throw new InputException(source + ": image entry without Config or Layers");
                }
                entries.add(new ManifestEntry(config.asText(), strings(node.get("RepoTags")), strings(layers)));
            }
            return entries;
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            if (array != null && array.isArray()) {
                array.forEach(v -> values.add(v.asText()));
            }
            return List.copyOf(values);
        }
    }
}
