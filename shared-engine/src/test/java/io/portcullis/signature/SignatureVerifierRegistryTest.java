package io.portcullis.signature;

import io.portcullis.image.ImageReference;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.registry.RegistryImage;
import io.portcullis.image.registry.RegistryOptions;
import io.portcullis.image.source.ImageSources;
import io.portcullis.image.Image;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.CosignSignatures.KeyPair;
import io.portcullis.testing.CosignSignatures.Signature;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real keys and signatures made by openssl, pushed with skopeo to a real registry beside real images, read back
 * through the registry client. Every expected outcome follows from what the test planted.
 */
class SignatureVerifierRegistryTest {

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.plainHttp();

    @TempDir
    static Path dir;

    static KeyPair ecdsa;
    static KeyPair rsa;
    static KeyPair ed25519;
    static KeyPair stranger;

    @BeforeAll
    static void keys() {
        ecdsa = CosignSignatures.ecdsaP256(dir, "ecdsa");
        rsa = CosignSignatures.rsa2048(dir, "rsa");
        ed25519 = CosignSignatures.ed25519(dir, "ed25519");
        stranger = CosignSignatures.ecdsaP256(dir, "stranger");
    }

    /** A new image in its own repository, pushed, with the signature tag built by {@code signatures} pushed beside it (null: none). */
    private static String pushed(String repository, SignatureMaker signatures) throws IOException {
        Path work = Files.createDirectories(dir.resolve(repository.replace('/', '-')));
        Path layout = TestImages.small(work, "content of " + repository);
        String digest = CosignSignatures.taggedDigest(layout, "small");
        REGISTRY.push(layout, "small", repository + ":v1", false);
        if (signatures != null) {
            String tag = CosignSignatures.signatureTag(digest);
            CosignSignatures.addSignatureTag(layout, tag, signatures.make(digest, REGISTRY.hostPort() + "/" + repository, work));
            REGISTRY.push(layout, tag, repository + ":" + tag, false);
        }
        return digest;
    }

    interface SignatureMaker {
        List<Signature> make(String digest, String dockerReference, Path work);
    }

    private static SignatureVerification verify(String repository, KeyPair... keys) throws IOException {
        RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(java.util.Set.of(REGISTRY.hostPort()));
        try (RegistryImage image = RegistryImage.open(ImageReference.parse(REGISTRY.hostPort() + "/" + repository + ":v1"), options)) {
            return SignatureVerifier.verify(image, PublicKeys.load(java.util.Arrays.stream(keys).map(KeyPair::publicKey).toList()));
        }
    }

    private static SignatureMaker signedBy(KeyPair key) {
        return (digest, reference, work) -> List.of(CosignSignatures.sign(key,
                CosignSignatures.payload(digest, reference, CosignSignatures.COSIGN_TYPE), work));
    }

    @Test
    void ecdsaRsaAndEd25519SignaturesVerifyWithTheirKeys() throws IOException {
        pushed("signed/ecdsa", signedBy(ecdsa));
        pushed("signed/rsa", signedBy(rsa));
        pushed("signed/ed25519", signedBy(ed25519));

        SignatureVerification byEcdsa = verify("signed/ecdsa", ecdsa);
        assertEquals(SignatureVerification.Status.VERIFIED, byEcdsa.status(), byEcdsa.reason());
        assertEquals(ecdsa.fingerprint(), byEcdsa.keyFingerprint());
        assertEquals(REGISTRY.hostPort() + "/signed/ecdsa", byEcdsa.signedReference());

        SignatureVerification byRsa = verify("signed/rsa", rsa);
        assertEquals(SignatureVerification.Status.VERIFIED, byRsa.status(), byRsa.reason());
        assertEquals(rsa.fingerprint(), byRsa.keyFingerprint());

        // Of several keys the one that signed is named.
        SignatureVerification byEd25519 = verify("signed/ed25519", stranger, rsa, ed25519);
        assertEquals(SignatureVerification.Status.VERIFIED, byEd25519.status(), byEd25519.reason());
        assertEquals(ed25519.fingerprint(), byEd25519.keyFingerprint());
    }

    @Test
    void aSignatureByAnotherKeyIsInvalid() throws IOException {
        pushed("wrong/key", signedBy(stranger));
        SignatureVerification result = verify("wrong/key", ecdsa, rsa);
        assertEquals(SignatureVerification.Status.INVALID, result.status());
        assertTrue(result.reason().contains("does not verify with any given key"), result.reason());
        assertTrue(result.reason().contains(ecdsa.fingerprint()) && result.reason().contains(rsa.fingerprint()), result.reason());
        assertNull(result.keyFingerprint());
    }

    @Test
    void changedSignatureBytesAreInvalid() throws IOException {
        pushed("bad/signature", (digest, reference, work) -> {
            Signature good = CosignSignatures.sign(ecdsa, CosignSignatures.payload(digest, reference, CosignSignatures.COSIGN_TYPE), work);
            byte[] bytes = Base64.getDecoder().decode(good.base64());
            bytes[bytes.length - 1] ^= 0x01;
            return List.of(new Signature(good.payload(), Base64.getEncoder().encodeToString(bytes)));
        });
        SignatureVerification result = verify("bad/signature", ecdsa);
        assertEquals(SignatureVerification.Status.INVALID, result.status());
        assertTrue(result.reason().contains("does not verify"), result.reason());
    }

    @Test
    void aPayloadChangedAfterSigningIsInvalid() throws IOException {
        pushed("bad/payload", (digest, reference, work) -> {
            Signature good = CosignSignatures.sign(ed25519, CosignSignatures.payload(digest, reference, CosignSignatures.COSIGN_TYPE), work);
            byte[] changed = CosignSignatures.payload(digest, reference + "-elsewhere", CosignSignatures.COSIGN_TYPE);
            return List.of(new Signature(changed, good.base64()));
        });
        SignatureVerification result = verify("bad/payload", ed25519);
        assertEquals(SignatureVerification.Status.INVALID, result.status());
        assertTrue(result.reason().contains("does not verify"), result.reason());
    }

    @Test
    void aValidSignatureOverAnotherDigestIsInvalid() throws IOException {
        String other = "sha256:" + "0123456789abcdef".repeat(4);
        String digest = pushed("other/digest", (d, reference, work) -> List.of(CosignSignatures.sign(rsa,
                CosignSignatures.payload(other, reference, CosignSignatures.COSIGN_TYPE), work)));
        SignatureVerification result = verify("other/digest", rsa);
        assertEquals(SignatureVerification.Status.INVALID, result.status());
        assertTrue(result.reason().contains("is for another digest: its payload names " + other + ", the scanned image is " + digest),
                result.reason());
    }

    @Test
    void aPayloadOfAnotherTypeIsInvalid() throws IOException {
        pushed("other/type", (digest, reference, work) -> List.of(CosignSignatures.sign(ecdsa,
                CosignSignatures.payload(digest, reference, "atomic container signature"), work)));
        SignatureVerification result = verify("other/type", ecdsa);
        assertEquals(SignatureVerification.Status.INVALID, result.status());
        assertTrue(result.reason().contains("payload type 'atomic container signature'"), result.reason());
    }

    @Test
    void anImageWithoutASignatureTagIsUnsigned() throws IOException {
        String digest = pushed("not/signed", null);
        SignatureVerification result = verify("not/signed", ecdsa);
        assertEquals(SignatureVerification.Status.UNSIGNED, result.status());
        assertEquals("no signature tag " + CosignSignatures.signatureTag(digest) + " in " + REGISTRY.hostPort() + "/not/signed",
                result.reason());
    }

    @Test
    void anyValidSignatureAmongSeveralPasses() throws IOException {
        pushed("several/signatures", (digest, reference, work) -> List.of(
                CosignSignatures.sign(stranger, CosignSignatures.payload(digest, reference, CosignSignatures.COSIGN_TYPE), work),
                CosignSignatures.sign(rsa, CosignSignatures.payload("sha256:" + "ee".repeat(32), reference, CosignSignatures.COSIGN_TYPE), work),
                CosignSignatures.sign(rsa, CosignSignatures.payload(digest, reference, CosignSignatures.COSIGN_TYPE), work)));
        SignatureVerification result = verify("several/signatures", rsa);
        assertEquals(SignatureVerification.Status.VERIFIED, result.status(), result.reason());
        assertEquals(rsa.fingerprint(), result.keyFingerprint());

        SignatureVerification none = verify("several/signatures", ecdsa);
        assertEquals(SignatureVerification.Status.INVALID, none.status());
        assertTrue(none.reason().contains("signature 1 of 3 does not verify") && none.reason().contains("signature 3 of 3 does not verify"),
                none.reason());
    }

    @Test
    void withoutAKeyNothingIsFetchedOrChecked() throws IOException {
        pushed("no/key", signedBy(ecdsa));
        SignatureVerification result = verify("no/key");
        assertEquals(SignatureVerification.Status.NOT_CHECKED, result.status());
        assertTrue(result.reason().startsWith("no public key given"), result.reason());
    }

    @Test
    void anOciLayoutHoldingTheSignatureTagIsVerifiedLocally() throws IOException {
        Path work = Files.createDirectories(dir.resolve("local-layout"));
        Path layout = TestImages.small(work, "local layout content");
        String digest = CosignSignatures.taggedDigest(layout, "small");
        CosignSignatures.addSignatureTag(layout, CosignSignatures.signatureTag(digest),
                List.of(CosignSignatures.sign(ed25519, CosignSignatures.payload(digest, "example.com/app", CosignSignatures.COSIGN_TYPE), work)));
        try (Image image = ImageSources.open("oci:" + layout + ":small", ImageSourceOptions.defaults())) {
            SignatureVerification result = SignatureVerifier.verify(image, PublicKeys.load(List.of(ed25519.publicKey())));
            assertEquals(SignatureVerification.Status.VERIFIED, result.status(), result.reason());
            assertEquals("example.com/app", result.signedReference());
        }
        Path unsignedLayout = TestImages.small(Files.createDirectories(dir.resolve("local-unsigned")), "unsigned layout content");
        try (Image image = ImageSources.open("oci:" + unsignedLayout + ":small", ImageSourceOptions.defaults())) {
            SignatureVerification result = SignatureVerifier.verify(image, PublicKeys.load(List.of(ed25519.publicKey())));
            assertEquals(SignatureVerification.Status.UNSIGNED, result.status(), result.reason());
            assertTrue(result.reason().endsWith(" in oci:" + unsignedLayout), result.reason());
        }
    }

    @Test
    void aRootFilesystemCannotBeVerified() throws IOException {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("hostname"), "box\n");
        try (Image image = ImageSources.open("rootfs:" + rootfs.getParent(), ImageSourceOptions.defaults())) {
            SignatureVerification result = SignatureVerifier.verify(image, PublicKeys.load(List.of(ecdsa.publicKey())));
            assertEquals(SignatureVerification.Status.NOT_CHECKED, result.status());
            assertTrue(result.reason().startsWith("cannot verify signatures of a local image"), result.reason());
        }
    }
}
