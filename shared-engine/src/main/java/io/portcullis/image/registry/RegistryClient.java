package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Digest;
import io.portcullis.image.DigestVerifyingInputStream;
import io.portcullis.image.ImageConfig;
import io.portcullis.image.ImageIndex;
import io.portcullis.image.ImageManifest;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageReference;
import io.portcullis.image.Layer;
import io.portcullis.image.Manifest;
import io.portcullis.image.MediaTypes;
import io.portcullis.image.Platform;
import io.portcullis.transport.TransferStalledException;
import okhttp3.Headers;
import okhttp3.Response;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads images from OCI / Docker registries over the Distribution API: manifest (choosing a
 * platform from an index), config, and layer blobs, each verified against its digest. Immutable
 * and thread safe; one client may open many images and share tokens and connections between them.
 */
public final class RegistryClient implements Closeable {

    /** The Distribution spec's limit for manifests; anything larger is not a manifest. */
    private static final long MAX_MANIFEST_BYTES = 4L << 20;
    private static final long MAX_CONFIG_BYTES = 16L << 20;

    /** The Accept header for manifest requests, preferred first. */
    private static final String MANIFEST_ACCEPT = String.join(", ",
            MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

    private final RegistryOptions options;
    private final RegistryTransport transport;

    public RegistryClient(RegistryOptions options) {
        this(options, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());
    }

    RegistryClient(RegistryOptions options, RegistryTransport.Sleeper sleeper, Clock clock) {
        this.options = options;
        this.transport = new RegistryTransport(options, sleeper, clock);
    }

    /**
     * Fetches and verifies an image's manifest and config; layers are fetched when opened.
     *
     * @throws InputException unreachable registry, failed authentication, unknown image or
     *                        platform, digest mismatch, unsupported media type
     */
    public RegistryImage open(ImageReference reference) throws IOException {
        ServedManifest served = fetchManifest(reference, reference.manifestReference(),
                reference.digest() == null ? null : Digest.parse(reference.digest()).orElseThrow(), -1);
        Platform indexPlatform = null;
        if (served.manifest() instanceof ImageIndex index) {
            Descriptor chosen = PlatformMatcher.select(index.manifests(), options.platform(), reference.toString());
            indexPlatform = chosen.platform();
            served = fetchManifest(reference, chosen.digest().toString(), chosen.digest(), chosen.size());
            if (served.manifest() instanceof ImageIndex) {
                throw new InputException("image " + reference + " has an index inside its index for platform "
                        + options.platform() + "; nested indexes are not supported");
            }
        }
        ImageManifest image = (ImageManifest) served.manifest();
        if (!MediaTypes.isConfig(image.config().mediaType())) {
            throw new InputException(reference + " is not a container image: its config media type is '"
                    + image.config().mediaType() + "'");
        }
        ImageConfig config = fetchConfig(reference, image.config());
        if (config.diffIds().size() != image.layers().size()) {
            throw new InputException("image " + reference + " is inconsistent: its manifest lists " + image.layers().size()
                    + " layers but its config " + config.diffIds().size() + " diff_ids");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            layers.add(new RegistryLayer(this, reference, image.layers().get(i), config.diffIds().get(i)));
        }
        Platform platform = config.platform() != null ? config.platform()
                : indexPlatform != null ? indexPlatform : options.platform();
        ImageMetadata metadata = new ImageMetadata(
                reference.toString(),
                served.digest().toString(),
                image.config().digest().toString(),
                platform,
                layers.stream().map(Layer::digest).toList(),
                layers.stream().map(Layer::diffId).toList(),
                reference.tag() == null ? List.of() : List.of(reference.registry() + "/" + reference.repository() + ":" + reference.tag()),
                config.blob());
        return new RegistryImage(metadata, layers, null, new RegistryTags(this, reference));
    }

    /**
     * Fetches and verifies the manifest of an OCI artifact (any config, any layer media types); its blobs are
     * fetched when opened.
     *
     * @throws InputException unreachable registry, failed authentication, unknown artifact, digest mismatch,
     *                        or an index or unsupported manifest media type
     */
    public RegistryArtifact openArtifact(ImageReference reference) throws IOException {
        ServedManifest served = fetchManifest(reference, reference.manifestReference(),
                reference.digest() == null ? null : Digest.parse(reference.digest()).orElseThrow(), -1);
        if (!(served.manifest() instanceof ImageManifest artifact)) {
            throw new InputException(reference + " is an index, not an artifact manifest");
        }
        List<RegistryArtifact.Blob> blobs = artifact.layers().stream()
                .map(d -> new RegistryArtifact.Blob(d.mediaType(), d.digest().toString(), d.size())).toList();
        return new RegistryArtifact(this, reference, served.digest().toString(), artifact.config().mediaType(), blobs);
    }

    /**
     * Streams a blob, verifying its digest and size as it is read (the read reaching the end fails
     * on a mismatch), and resuming with a Range request when the connection breaks.
     */
    InputStream openBlob(ImageReference reference, Descriptor blob, String what) throws IOException {
        InputStream first = openBlobAt(reference, blob, what, 0);
        InputStream resuming = new ResumingInputStream(first, offset -> openBlobAt(reference, blob, what, offset),
                options.transport().retryPolicy(), transport, reference.registry(), what + " of " + reference);
        return new DigestVerifyingInputStream(resuming, blob.digest(), blob.size(), what + " of " + reference);
    }

    private InputStream openBlobAt(ImageReference reference, Descriptor blob, String what, long offset) throws IOException {
        Headers headers = offset == 0 ? Headers.of() : Headers.of("Range", "bytes=" + offset + "-");
        Response response = transport.get(reference, "/v2/" + reference.repository() + "/blobs/" + blob.digest(), headers);
        if (offset > 0 && response.code() == 206) {
            String range = response.header("Content-Range", "");
            if (!range.startsWith("bytes " + offset + "-")) {
                response.close();
                throw new IOException(what + " of " + reference + ": asked for bytes from " + offset + ", got range '" + range + "'");
            }
            return response.body().byteStream();
        }
        if (!response.isSuccessful()) {
            String status = RegistryTransport.describeStatus(response);
            response.close();
            throw new InputException(what + " of " + reference + " could not be fetched from " + reference.registry() + ": " + status);
        }
        InputStream in = response.body().byteStream();
        if (offset > 0) {
            // The server ignored the Range header and sent the whole blob: drop what we already have.
            in.skipNBytes(offset);
        }
        return in;
    }

    /** A manifest with the digest of the bytes as the registry served them. */
    private record ServedManifest(Manifest manifest, Digest digest) {
    }

    private ServedManifest fetchManifest(ImageReference reference, String tagOrDigest, Digest expected, long expectedSize) throws IOException {
        return fetchManifest(reference, tagOrDigest, expected, expectedSize, false);
    }

    /**
     * The image manifest {@code tagged} names in its repository (the other tags beside a scanned image, such as its
     * cosign signature tag), verified against the digest the registry states; empty when the registry answers 404.
     *
     * @throws InputException an index under the tag, a digest mismatch, or any other failure status
     */
    Optional<RegistryTaggedManifest> findTagged(ImageReference tagged) throws IOException {
        ServedManifest served = fetchManifest(tagged, tagged.manifestReference(), null, -1, true);
        if (served == null) {
            return Optional.empty();
        }
        if (!(served.manifest() instanceof ImageManifest manifest)) {
            throw new InputException(tagged + " is an index, not a manifest");
        }
        return Optional.of(new RegistryTaggedManifest(this, tagged, served.digest(), manifest));
    }

    /** As above; with {@code absentIsNull}, a 404 is null instead of an "image not found" error. */
    private ServedManifest fetchManifest(ImageReference reference, String tagOrDigest, Digest expected, long expectedSize,
                                         boolean absentIsNull) throws IOException {
        byte[] body;
        String contentType;
        String headerDigest;
        try (Response response = transport.get(reference, "/v2/" + reference.repository() + "/manifests/" + tagOrDigest,
                Headers.of("Accept", MANIFEST_ACCEPT))) {
            if (response.code() == 404 && absentIsNull) {
                return null;
            }
            if (response.code() == 404) {
                throw new InputException("image " + reference + " not found on " + reference.registry() + ": "
                        + RegistryTransport.describeStatus(response));
            }
            if (!response.isSuccessful()) {
                throw new InputException("manifest of " + reference + " could not be fetched from " + reference.registry() + ": "
                        + RegistryTransport.describeStatus(response));
            }
            body = RegistryTransport.readBody(response, MAX_MANIFEST_BYTES, "manifest of " + reference);
            contentType = response.header("Content-Type");
            headerDigest = response.header("Docker-Content-Digest");
        } catch (TransferStalledException e) {
            throw RegistryTransport.stalled(reference.registry(), "the manifest " + tagOrDigest + " of " + reference, e);
        }
        if (expectedSize >= 0 && body.length != expectedSize) {
            throw new InputException("manifest of " + reference + " is " + body.length + " bytes but its index says " + expectedSize);
        }
        Digest claimed = expected != null ? expected : Digest.parse(headerDigest).orElse(null);
        Digest actual = claimed != null ? actualDigest(claimed, body) : Digest.sha256(body);
        if (claimed != null && !claimed.equals(actual)) {
            throw new InputException("digest mismatch for manifest of " + reference + ": expected " + claimed + ", got " + actual);
        }
        // Reports and SBOMs name images by their sha256 manifest digest, whatever digest the reference used.
        Digest identity = actual.algorithm().equals("sha256") ? actual : Digest.sha256(body);
        return new ServedManifest(Manifest.parse(body, contentType, reference.toString()), identity);
    }

    private ImageConfig fetchConfig(ImageReference reference, Descriptor config) throws IOException {
        if (config.size() > MAX_CONFIG_BYTES) {
            throw new InputException("config of " + reference + " is " + config.size() + " bytes, more than the "
                    + MAX_CONFIG_BYTES + " allowed");
        }
        byte[] body;
        try (InputStream in = openBlob(reference, config, "config " + config.digest())) {
            body = in.readAllBytes();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("digest mismatch")) {
                throw new InputException(e.getMessage(), e);
            }
            throw e;
        }
        return ImageConfig.parse(body, "config of " + reference);
    }

    private static Digest actualDigest(Digest like, byte[] body) {
        return new Digest(like.algorithm(), HexFormat.of().formatHex(like.newMessageDigest().digest(body)));
    }

    /** Releases pooled connections. Images opened by this client cannot read layers afterwards. */
    @Override
    public void close() {
        transport.close();
    }
}
