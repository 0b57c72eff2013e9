package io.portcullis.image.oci;

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
import io.portcullis.image.TaggedArtifact;
import io.portcullis.image.TaggedArtifacts;
import io.portcullis.image.archive.TarArchive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}) from a
 * directory or a tar of one. Every JSON blob is checked against its digest before it is parsed;
 * layers are checked while they are read.
 */
public final class OciLayout {

    private static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

    /** Index nesting deeper than this is treated as a loop. */
    private static final int MAX_DEPTH = 8;

    private final LayoutStore store;
    private final Platform platform;
    private final String reference;

    private OciLayout(LayoutStore store, Platform platform, String reference) {
        this.store = store;
        this.platform = platform;
        this.reference = reference;
    }

    /**
     * Opens the layout at {@code path} (a directory, or a plain or gzipped tar of one) and selects the
     * image named by {@code selector}: a tag (the {@code org.opencontainers.image.ref.name} annotation),
     * a digest ("sha256:..."), or null for the only image. From an index, the platform of
     * {@code options} is chosen.
     */
    public static Image open(Path path, String selector, ImageSourceOptions options) {
        String reference = "oci:" + path + suffix(selector);
        if (Files.isDirectory(path)) {
            return read(new DirectoryStore(path), selector, options, reference);
        }
        return read(TarArchive.open(path, options), selector, options, reference);
    }

    /** Reads a layout from an opened tar, taking ownership of it: the image closes it, and so does a failure here. */
    public static Image read(TarArchive archive, String selector, ImageSourceOptions options, String reference) {
        return read(new TarStore(archive), selector, options, reference);
    }

    private static Image read(LayoutStore store, String selector, ImageSourceOptions options, String reference) {
        try {
            return new OciLayout(store, options.effectivePlatform(), reference).readImage(selector);
        } catch (RuntimeException e) {
            try {
                store.close();
            } catch (IOException ignored) {
                // the error being thrown is the one to report
            }
            throw e;
        }
    }

    private static String suffix(String selector) {
        if (selector == null) {
            return "";
        }
        return Digest.parse(selector).isPresent() ? "@" + selector : ":" + selector;
    }

    private Image readImage(String selector) {
        if (store.size("index.json") < 0) {
            throw new InputException(store.name() + ": not an OCI image layout: no index.json"
                    + (store.size("manifest.json") >= 0 ? " (it holds manifest.json: open it as docker-archive:" + store.name() + ")" : ""));
        }
        checkLayoutVersion();
        ImageIndex index = ImageIndex.parse(readFile("index.json"), store.name() + " (index.json)");
        List<Descriptor> candidates = topLevelCandidates(index, selector);
        Descriptor manifestDescriptor = resolve(candidates, 0);
        ImageManifest manifest = readManifest(manifestDescriptor);

        Descriptor configDescriptor = manifest.config();
        if (!MediaTypes.isConfig(configDescriptor.mediaType())) {
            throw new InputException(store.name() + ": unknown config media type " + configDescriptor.mediaType()
                    + " in manifest " + manifestDescriptor.digest() + " (not a container image)");
        }
        String configSource = store.name() + " (" + BlobPath.of(configDescriptor.digest()) + ")";
        ImageConfig config = ImageConfig.parse(readBlob(configDescriptor), configSource);
        Platform configPlatform = config.requirePlatform(configSource);
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new InputException(store.name() + ": manifest " + manifestDescriptor.digest() + " lists " + manifest.layers().size()
                    + " layers but its config has " + config.diffIds().size() + " rootfs.diff_ids");
        }

        List<Layer> layers = new ArrayList<>();
        List<String> layerDigests = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw new InputException(store.name() + ": unknown layer media type " + layer.mediaType() + " for " + layer.digest());
            }
            long size = store.size(BlobPath.of(layer.digest()));
            if (size < 0) {
                throw new InputException(store.name() + ": layer " + layer.digest() + " named in manifest " + manifestDescriptor.digest()
                        + " is missing from the layout");
            }
            if (size != layer.size()) {
                throw new InputException(store.name() + ": layer " + layer.digest() + " has " + size + " bytes, the manifest says " + layer.size());
            }
            layers.add(new OciLayer(store, layer, config.diffIds().get(i)));
            layerDigests.add(layer.digest().toString());
        }
        ImageMetadata metadata = new ImageMetadata(reference, manifestDescriptor.digest().toString(), configDescriptor.digest().toString(),
                configPlatform, layerDigests, config.diffIds(), refNames(index, candidates), config.blob());
        return new LocalImage(metadata, layers, store, new LayoutTags(index));
    }

    private void checkLayoutVersion() {
        if (store.size("oci-layout") < 0) {
            return;
        }
        String version = ImageJson.parse(readFile("oci-layout"), store.name() + " (oci-layout)").path("imageLayoutVersion").asText();
        if (!version.startsWith("1.")) {
            throw new InputException(store.name() + ": unsupported OCI layout version '" + version + "' (expected 1.x)");
        }
    }

    /** The index.json entries the selector names; several when they differ only by platform. */
    private List<Descriptor> topLevelCandidates(ImageIndex index, String selector) {
        List<Descriptor> entries = index.manifests();
        if (entries.isEmpty()) {
            throw new InputException(store.name() + ": index.json lists no images");
        }
        if (selector == null) {
            Set<String> tags = tags(entries);
            if (entries.size() > 1 && tags.size() > 1) {
                throw new InputException(store.name() + " holds " + tags.size() + " images; choose one as oci:" + store.name()
                        + ":TAG or @DIGEST (tags: " + String.join(", ", tags) + ")");
            }
            return entries;
        }
        if (Digest.parse(selector).isPresent()) {
            Descriptor found = findDigest(entries, ImageJson.digest(selector, store.name()), 0);
            if (found == null) {
                throw new InputException(store.name() + " has no manifest " + selector);
            }
            return List.of(found);
        }
        // Docker 25+ and containerd also record the full image name; accept either.
        List<Descriptor> tagged = entries.stream()
                .filter(e -> selector.equals(e.refName()) || selector.equals(e.annotations().get(CONTAINERD_IMAGE_NAME)))
                .toList();
        if (tagged.isEmpty()) {
            throw new InputException(store.name() + " has no image tagged " + selector + " (tags: " + String.join(", ", tags(entries)) + ")");
        }
        return tagged;
    }

    private static Set<String> tags(List<Descriptor> entries) {
        Set<String> tags = new LinkedHashSet<>();
        for (Descriptor entry : entries) {
            if (entry.refName() != null) {
                tags.add(entry.refName());
            }
        }
        return tags;
    }

    /** Finds {@code digest} among the entries or in the indexes they point at. */
    private Descriptor findDigest(List<Descriptor> entries, Digest digest, int depth) {
        for (Descriptor entry : entries) {
            if (entry.digest().equals(digest)) {
                return entry;
            }
        }
        if (depth >= MAX_DEPTH) {
            return null;
        }
        for (Descriptor entry : entries) {
            if (MediaTypes.isIndex(mediaTypeOf(entry))) {
                Descriptor found = findDigest(readIndex(entry).manifests(), digest, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Chooses one image manifest among {@code candidates}, descending into indexes and choosing by platform. */
    private Descriptor resolve(List<Descriptor> candidates, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InputException(store.name() + ": indexes nested deeper than " + MAX_DEPTH + " levels");
        }
        if (candidates.size() == 1) {
            Descriptor only = candidates.get(0);
            String mediaType = mediaTypeOf(only);
            if (MediaTypes.isIndex(mediaType)) {
                return resolve(readIndex(only).manifests(), depth + 1);
            }
            checkManifestType(only, mediaType);
            return only;
        }
        List<Descriptor> manifests = new ArrayList<>();
        for (Descriptor candidate : candidates) {
            String mediaType = mediaTypeOf(candidate);
            if (MediaTypes.isIndex(mediaType)) {
                manifests.add(resolve(readIndex(candidate).manifests(), depth + 1));
            } else {
                checkManifestType(candidate, mediaType);
                manifests.add(candidate);
            }
        }
        return choosePlatform(manifests);
    }

    private Descriptor choosePlatform(List<Descriptor> manifests) {
        Set<String> available = new LinkedHashSet<>();
        for (Descriptor manifest : manifests) {
            Platform candidate = platformOf(manifest);
            if (PlatformMatch.matches(platform, candidate)) {
                return manifest;
            }
            if (candidate != null && !PlatformMatch.isUnknown(candidate)) {
                available.add(candidate.toString());
            }
        }
        throw new InputException("image " + reference + " has no manifest for platform " + platform
                + "; available: " + (available.isEmpty() ? "(none declared)" : String.join(", ", available)));
    }

    /** The platform an index entry states, or, where it states none, the one its config declares. */
    private Platform platformOf(Descriptor manifest) {
        if (manifest.platform() != null) {
            return manifest.platform();
        }
        Descriptor config = readManifest(manifest).config();
        if (!MediaTypes.isConfig(config.mediaType())) {
            return null;
        }
        String source = store.name() + " (" + BlobPath.of(config.digest()) + ")";
        return ImageConfig.parse(readBlob(config), source).requirePlatform(source);
    }

    private void checkManifestType(Descriptor descriptor, String mediaType) {
        if (!MediaTypes.isManifest(mediaType)) {
            throw new InputException(store.name() + ": unknown media type " + mediaType + " for " + descriptor.digest()
                    + " (expected an image manifest or index)");
        }
    }

    /** The descriptor's media type, or, for old layouts that omit it there, the blob's own. */
    private String mediaTypeOf(Descriptor descriptor) {
        if (descriptor.mediaType() != null) {
            return descriptor.mediaType();
        }
        byte[] blob = readBlob(descriptor);
        String source = store.name() + " (" + BlobPath.of(descriptor.digest()) + ")";
        String own = ImageJson.parse(blob, source).path("mediaType").asText(null);
        if (own != null) {
            return own;
        }
        return ImageManifest.looksLikeManifest(blob, source) ? MediaTypes.OCI_MANIFEST : MediaTypes.OCI_INDEX;
    }

    private ImageIndex readIndex(Descriptor descriptor) {
        return ImageIndex.parse(readBlob(descriptor), store.name() + " (" + BlobPath.of(descriptor.digest()) + ")");
    }

    private ImageManifest readManifest(Descriptor descriptor) {
        return ImageManifest.parse(readBlob(descriptor), store.name() + " (" + BlobPath.of(descriptor.digest()) + ")");
    }

    private List<String> refNames(ImageIndex index, List<Descriptor> candidates) {
        Set<String> names = new LinkedHashSet<>();
        for (Descriptor entry : index.manifests()) {
            if (entry.refName() != null && candidates.stream().anyMatch(c -> c.digest().equals(entry.digest()))) {
                names.add(entry.refName());
            }
        }
        return List.copyOf(names);
    }

    /** A small blob, checked against its descriptor's size and digest before anyone parses it. */
    private byte[] readBlob(Descriptor descriptor) {
        String path = BlobPath.of(descriptor.digest());
        long size = store.size(path);
        if (size < 0) {
            throw new InputException(store.name() + ": blob " + descriptor.digest() + " is missing from the layout");
        }
        if (size != descriptor.size()) {
            throw new InputException(store.name() + ": blob " + descriptor.digest() + " has " + size + " bytes, its descriptor says " + descriptor.size());
        }
        byte[] bytes = readFile(path);
        if (!descriptor.digest().matches(bytes)) {
            throw new InputException(store.name() + ": blob " + path + " does not match its digest");
        }
        return bytes;
    }

    private byte[] readFile(String path) {
        String source = store.name() + " (" + path + ")";
        try (InputStream in = store.open(path)) {
            return ImageJson.readBounded(in, source);
        } catch (IOException e) {
            throw new InputException(source + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** The layout's other tags (index.json entries with a ref name), as skopeo or oras write a copied signature tag. */
    private final class LayoutTags implements TaggedArtifacts {
        private final ImageIndex index;

        LayoutTags(ImageIndex index) {
            this.index = index;
        }

        @Override
        public Optional<TaggedArtifact> find(String tag) {
            for (Descriptor entry : index.manifests()) {
                if (tag.equals(entry.refName())) {
                    if (!MediaTypes.isManifest(mediaTypeOf(entry))) {
                        throw new InputException(store.name() + ": tag " + tag + " is not an image manifest (" + mediaTypeOf(entry) + ")");
                    }
                    return Optional.of(new LayoutArtifact(tag, entry.digest(), readManifest(entry)));
                }
            }
            return Optional.empty();
        }

        @Override
        public String location() {
            return "oci:" + store.name();
        }
    }

    private final class LayoutArtifact implements TaggedArtifact {
        private final String tag;
        private final Digest digest;
        private final ImageManifest manifest;

        LayoutArtifact(String tag, Digest digest, ImageManifest manifest) {
            this.tag = tag;
            this.digest = digest;
            this.manifest = manifest;
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public Digest digest() {
            return digest;
        }

        @Override
        public ImageManifest manifest() {
            return manifest;
        }

        @Override
        public byte[] blob(Descriptor blob, int maxBytes) throws IOException {
            if (blob.size() > maxBytes) {
                throw new IOException(store.name() + ": blob " + blob.digest() + " is " + blob.size() + " bytes, more than the "
                        + maxBytes + " allowed");
            }
            return readBlob(blob);
        }
    }
}
