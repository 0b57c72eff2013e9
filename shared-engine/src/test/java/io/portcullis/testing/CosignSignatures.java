package io.portcullis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Cosign-style image signatures made the way cosign lays them out, with openssl instead of cosign: keys from
 * {@code openssl genpkey}, the simple-signing payload signed by {@code openssl dgst -sha256 -sign} (ECDSA, RSA PKCS#1
 * v1.5) or {@code openssl pkeyutl -rawin} (Ed25519), and a manifest tagged {@code sha256-<hex>.sig} in an OCI layout
 * whose layers are the payloads, each with its base64 signature in the {@code dev.cosignproject.cosign/signature}
 * annotation. Push the tag with {@link RealRegistry#push}.
 */
public final class CosignSignatures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String COSIGN_TYPE = "cosign container image signature";

    private CosignSignatures() {
    }

    /**
     * A key pair made by openssl.
     *
     * @param fingerprint "sha256:" + the SHA-256 of the public key's DER, as {@code openssl pkey -pubout -outform DER} writes it
     */
    public record KeyPair(Path privateKey, Path publicKey, String fingerprint) {
    }

    /** One signature layer: the payload bytes and the base64 text of the annotation. */
    public record Signature(byte[] payload, String base64) {
    }

    public static KeyPair ecdsaP256(Path dir, String name) {
        return generate(dir, name, "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1");
    }

    public static KeyPair rsa2048(Path dir, String name) {
        return generate(dir, name, "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
    }

    public static KeyPair ed25519(Path dir, String name) {
        return generate(dir, name, "-algorithm", "ed25519");
    }

    /** An ECDSA key on another curve (P-384), which cosign does not sign with. */
    public static KeyPair ecdsaP384(Path dir, String name) {
        return generate(dir, name, "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp384r1");
    }

    private static KeyPair generate(Path dir, String name, String... options) {
        Path privateKey = dir.resolve(name + ".key");
        Path publicKey = dir.resolve(name + ".pub");
        Path der = dir.resolve(name + ".pub.der");
        String[] command = new String[options.length + 4];
        command[0] = "openssl";
        command[1] = "genpkey";
        System.arraycopy(options, 0, command, 2, options.length);
        command[options.length + 2] = "-out";
        command[options.length + 3] = privateKey.toString();
        ExternalCommand.run(TIMEOUT, command);
        ExternalCommand.run(TIMEOUT, "openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-out", publicKey.toString());
        ExternalCommand.run(TIMEOUT, "openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-outform", "DER", "-out", der.toString());
        try {
            return new KeyPair(privateKey, publicKey, "sha256:" + sha256Hex(Files.readAllBytes(der)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simple-signing JSON cosign signs, with the fields cosign writes. */
    public static byte[] payload(String manifestDigest, String dockerReference, String type) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest);
        critical.put("type", type);
        root.putNull("optional");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code payload} with openssl as cosign would with this key: SHA-256 for ECDSA and RSA, pure Ed25519. */
    public static Signature sign(KeyPair key, byte[] payload, Path workDir) {
        try {
            Path in = Files.createTempFile(workDir, "payload", ".json");
            Path out = Files.createTempFile(workDir, "signature", ".bin");
            Files.write(in, payload);
            if (isEd25519(key)) {
                ExternalCommand.run(TIMEOUT, "openssl", "pkeyutl", "-sign", "-inkey", key.privateKey().toString(), "-rawin",
                        "-in", in.toString(), "-out", out.toString());
            } else {
                ExternalCommand.run(TIMEOUT, "openssl", "dgst", "-sha256", "-sign", key.privateKey().toString(), "-out", out.toString(),
                        in.toString());
            }
            return new Signature(payload, Base64.getEncoder().encodeToString(Files.readAllBytes(out)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEd25519(KeyPair key) {
        return ExternalCommand.run(TIMEOUT, "openssl", "pkey", "-pubin", "-in", key.publicKey().toString(), "-noout", "-text")
                .startsWith("ED25519");
    }

    /** The manifest digest an OCI layout's index.json gives {@code tag}. */
    public static String taggedDigest(Path layout, String tag) {
        try {
            for (JsonNode descriptor : JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
                if (tag.equals(descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                    return descriptor.path("digest").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no tag " + tag + " in " + layout);
    }

    /** cosign's tag for the signatures of {@code manifestDigest}. */
    public static String signatureTag(String manifestDigest) {
        return manifestDigest.replace(':', '-') + ".sig";
    }

    /**
     * Writes a cosign signature manifest (OCI manifest, an image config listing the payloads as diff_ids, one
     * simple-signing layer per signature) into {@code layout} and tags it {@code tag} in its index.json.
     */
    public static void addSignatureTag(Path layout, String tag, List<Signature> signatures) {
        try {
            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", "").put("os", "").put("created", "0001-01-01T00:00:00Z");
            config.putObject("config");
            ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            ArrayNode layers = manifest.putArray("layers");
            for (Signature signature : signatures) {
                String digest = writeBlob(layout, signature.payload());
                diffIds.add(digest);
                ObjectNode layer = layers.addObject().put("mediaType", PAYLOAD_MEDIA_TYPE).put("size", signature.payload().length)
                        .put("digest", digest);
                layer.putObject("annotations").put(SIGNATURE_ANNOTATION, signature.base64());
            }
            byte[] configBytes = JSON.writeValueAsBytes(config);
            manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("size", configBytes.length)
                    .put("digest", writeBlob(layout, configBytes));
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            String manifestDigest = writeBlob(layout, manifestBytes);
            ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
            ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
            entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", manifestDigest).put("size", manifestBytes.length);
            entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeBlob(Path layout, byte[] content) throws IOException {
        String hex = sha256Hex(content);
        Path blob = layout.resolve("blobs/sha256").resolve(hex);
        Files.createDirectories(blob.getParent());
        Files.write(blob, content);
        return "sha256:" + hex;
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
