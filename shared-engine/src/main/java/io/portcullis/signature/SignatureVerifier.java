package io.portcullis.signature;

import io.portcullis.InputException;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Image;
import io.portcullis.image.TaggedArtifact;
import io.portcullis.image.TaggedArtifacts;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks an open image for a cosign-style signature made with one of the given keys: the manifest tagged
 * {@code sha256-<hex>.sig} beside the image, each of its layers of media type {@value #SIMPLE_SIGNING_MEDIA_TYPE} (the
 * payload) with its base64 signature in the layer annotation {@value #SIGNATURE_ANNOTATION}. A signature counts when its
 * bytes verify over the payload bytes with a given key (ECDSA P-256 / RSA PKCS#1 v1.5 with SHA-256, or Ed25519, as
 * cosign signs) and the payload, once verified, names the scanned digest and the cosign type. Any one valid signature
 * is enough. Transparency-log entries and certificates (keyless signing) are not checked.
 */
public final class SignatureVerifier {

    public static final String SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    /** Cosign payloads are a few hundred bytes; a large one is not a signature payload. */
    private static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private SignatureVerifier() {
    }

    /** The tag cosign stores the signatures of {@code manifestDigest} ("sha256:abc...") under: "sha256-abc....sig". */
    public static String signatureTag(String manifestDigest) {
        return manifestDigest.replace(':', '-') + ".sig";
    }

    /**
     * @param image open; its tags are read through its own source (the registry client and credentials that pulled it)
     * @return NOT_CHECKED without keys, for sources that keep no tags, or when the signature tag cannot be read
     */
    public static SignatureVerification verify(Image image, PublicKeys keys) {
        if (keys.isEmpty()) {
            return SignatureVerification.notChecked("no public key given (--signature-key FILE, or signature_keys in the policy)");
        }
        String digest = image.metadata().manifestDigest();
        Optional<TaggedArtifacts> tags = image.taggedArtifacts();
        if (tags.isEmpty() || digest == null) {
            return SignatureVerification.notChecked("cannot verify signatures of a local image (" + image.metadata().reference()
                    + "): only a registry repository or an OCI layout keeps a signature tag beside the image");
        }
        String tag = signatureTag(digest);
        Optional<TaggedArtifact> signatures;
        try {
            signatures = tags.get().find(tag);
        } catch (IOException | InputException e) {
            rethrowInterrupt(e);
            return SignatureVerification.notChecked("cannot read the signature tag " + tag + " in " + tags.get().location()
                    + ": " + e.getMessage());
        }
        if (signatures.isEmpty()) {
            return SignatureVerification.unsigned("no signature tag " + tag + " in " + tags.get().location());
        }
        return verify(signatures.get(), tags.get().location(), digest, keys);
    }

    private static SignatureVerification verify(TaggedArtifact signatures, String location, String digest, PublicKeys keys) {
        List<Descriptor> layers = signatures.manifest().layers().stream()
                .filter(layer -> SIMPLE_SIGNING_MEDIA_TYPE.equals(layer.mediaType())).toList();
        String where = signatures.tag() + " in " + location;
        if (layers.isEmpty()) {
            return SignatureVerification.unsigned("the signature tag " + where + " holds no " + SIMPLE_SIGNING_MEDIA_TYPE + " layer");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            String which = layers.size() == 1 ? "the signature" : "signature " + (i + 1) + " of " + layers.size();
            Candidate candidate = check(signatures, layer, digest, keys);
            if (candidate.key != null) {
                return SignatureVerification.verified("signature in " + where + " verified with key " + candidate.key.fingerprint()
                        + (candidate.payload.dockerReference() == null ? "" : " for " + candidate.payload.dockerReference()),
                        candidate.key.fingerprint(), candidate.payload.dockerReference());
            }
            problems.add(which + " " + candidate.problem);
        }
        return SignatureVerification.invalid("no valid signature in " + where + ": " + String.join("; ", problems));
    }

    /** One signature layer: the key that verified it and its claims, or why it does not count. */
    private record Candidate(SignatureKey key, SimpleSigningPayload payload, String problem) {
    }

    private static Candidate check(TaggedArtifact signatures, Descriptor layer, String digest, PublicKeys keys) {
        String encoded = layer.annotations().get(SIGNATURE_ANNOTATION);
        if (encoded == null || encoded.isBlank()) {
            return new Candidate(null, null, "has no " + SIGNATURE_ANNOTATION + " annotation");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            return new Candidate(null, null, "is not valid base64 in its " + SIGNATURE_ANNOTATION + " annotation");
        }
        byte[] payload;
        try {
            payload = signatures.blob(layer, MAX_PAYLOAD_BYTES);
        } catch (IOException | InputException e) {
            rethrowInterrupt(e);
            return new Candidate(null, null, "has an unreadable payload " + layer.digest() + ": " + e.getMessage());
        }
        SignatureKey verifiedBy = null;
        for (SignatureKey key : keys.keys()) {
            if (verifies(key, payload, signature)) {
                verifiedBy = key;
                break;
            }
        }
        if (verifiedBy == null) {
            return new Candidate(null, null, "does not verify with any given key " + keys
                    + " (signed with another key, or the payload or signature bytes were changed)");
        }
        Optional<SimpleSigningPayload> claims = SimpleSigningPayload.parse(payload);
        if (claims.isEmpty()) {
            return new Candidate(null, null, "has a payload that is not simple-signing JSON with critical.image.docker-manifest-digest");
        }
        SimpleSigningPayload claimed = claims.get();
        if (!SimpleSigningPayload.COSIGN_TYPE.equals(claimed.type())) {
            return new Candidate(null, null, "has payload type '" + claimed.type() + "', not '" + SimpleSigningPayload.COSIGN_TYPE + "'");
        }
        if (!digest.equals(claimed.manifestDigest())) {
            return new Candidate(null, null, "is for another digest: its payload names " + claimed.manifestDigest()
                    + ", the scanned image is " + digest);
        }
        return new Candidate(verifiedBy, claimed, null);
    }

    /** A cancelled scan stops; a timeout or a refused request is only a signature that could not be read. */
    private static void rethrowInterrupt(Exception e) {
        boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException
                || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException));
        if (interrupted) {
            throw new UncheckedIOException(e instanceof IOException io ? io : new InterruptedIOException(e.getMessage()));
        }
    }

    /** Malformed signature bytes for a key's algorithm (a DER error, a wrong length) are a signature that does not verify. */
    private static boolean verifies(SignatureKey key, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(key.algorithm());
            verifier.initVerify(key.key());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
