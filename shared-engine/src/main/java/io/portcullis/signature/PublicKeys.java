package io.portcullis.signature;

import io.portcullis.InputException;
import io.portcullis.UserFile;

import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public keys image signatures are verified with, read from PEM files ({@code -----BEGIN PUBLIC KEY-----}, a
 * DER SubjectPublicKeyInfo, as {@code cosign generate-key-pair} and {@code openssl pkey -pubout} write them).
 * ECDSA on P-256, RSA of 2048 bits or more, and Ed25519; a file may hold several keys. Immutable.
 */
public final class PublicKeys {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final int MIN_RSA_BITS = 2048;
    private static final PublicKeys NONE = new PublicKeys(List.of());

    private final List<SignatureKey> keys;

    private PublicKeys(List<SignatureKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static PublicKeys none() {
        return NONE;
    }

    public static PublicKeys of(List<SignatureKey> keys) {
        return keys.isEmpty() ? NONE : new PublicKeys(keys);
    }

    /**
     * Reads every file; the same key given twice counts once.
     *
     * @throws InputException a file that is unreadable, too large, holds no public key, a private key, or a key
     *                        of a kind signatures cannot use (another curve, RSA under 2048 bits, DSA)
     */
    public static PublicKeys load(List<Path> files) {
        Map<String, SignatureKey> byFingerprint = new LinkedHashMap<>();
        for (Path file : files) {
            for (SignatureKey key : read(file)) {
                byFingerprint.putIfAbsent(key.fingerprint(), key);
            }
        }
        return of(new ArrayList<>(byFingerprint.values()));
    }

    public List<SignatureKey> keys() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** This set and {@code other}, each key once. */
    public PublicKeys and(PublicKeys other) {
        Map<String, SignatureKey> byFingerprint = new LinkedHashMap<>();
        for (SignatureKey key : keys) {
            byFingerprint.putIfAbsent(key.fingerprint(), key);
        }
        for (SignatureKey key : other.keys) {
            byFingerprint.putIfAbsent(key.fingerprint(), key);
        }
        return of(new ArrayList<>(byFingerprint.values()));
    }

    private static List<SignatureKey> read(Path file) {
        String text = UserFile.TEXT.utf8(file);
        List<SignatureKey> found = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        int index = 0;
        while (block.find()) {
            index++;
            String label = block.group(1);
            String where = file + " (PEM block " + index + ")";
            if (label.contains("PRIVATE KEY")) {
                throw new InputException(file + " is a private key; give the public key (openssl pkey -in KEY -pubout)");
            }
            if (!label.equals("PUBLIC KEY")) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw new InputException(where + ": the PUBLIC KEY block is not valid base64");
            }
            found.add(key(der, where));
        }
        if (found.isEmpty()) {
            Matcher other = ANY_BEGIN.matcher(text);
            if (other.find() && other.group(1).contains("PRIVATE KEY")) {
                throw new InputException(file + " is a private key; give the public key (openssl pkey -in KEY -pubout)");
            }
            throw new InputException(file + ": no PEM public key (-----BEGIN PUBLIC KEY-----) in it"
                    + (other.find(0) ? "; it holds a " + other.group(1) : ""));
        }
        return found;
    }

    private static SignatureKey key(byte[] der, String where) {
        PublicKey key = null;
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException notThisKind) {
                // the SubjectPublicKeyInfo names its algorithm; only the matching factory accepts it
            }
        }
        if (key == null) {
            throw new InputException(where + ": not an ECDSA P-256, RSA or Ed25519 public key");
        }
        String signatureAlgorithm;
        if (key instanceof ECPublicKey ec) {
            if (!isP256(ec.getParams())) {
                throw new InputException(where + ": an ECDSA key on a curve other than P-256 (prime256v1); cosign signs with P-256");
            }
            signatureAlgorithm = "SHA256withECDSA";
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new InputException(where + ": an RSA key of " + rsa.getModulus().bitLength() + " bits; at least "
                        + MIN_RSA_BITS + " are needed");
            }
            signatureAlgorithm = "SHA256withRSA";
        } else {
            signatureAlgorithm = "Ed25519";
        }
        return new SignatureKey(key, signatureAlgorithm, fingerprint(key.getEncoded()), where);
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
            return params.getCurve().equals(p256.getCurve()) && params.getGenerator().equals(p256.getGenerator())
                    && params.getOrder().equals(p256.getOrder()) && params.getCofactor() == p256.getCofactor();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the P-256 curve", e);
        }
    }

    static String fingerprint(byte[] subjectPublicKeyInfo) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return keys.stream().map(SignatureKey::fingerprint).toList().toString();
    }
}
