package io.portcullis.signature;

import io.portcullis.InputException;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.CosignSignatures.KeyPair;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEM public keys made by openssl, read as a user gives them, and every kind of wrong key file refused by name. */
class PublicKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsEachKindWithTheFingerprintOfItsDer() throws IOException {
        KeyPair ec = CosignSignatures.ecdsaP256(dir, "ec");
        KeyPair rsa = CosignSignatures.rsa2048(dir, "rsa");
        KeyPair ed = CosignSignatures.ed25519(dir, "ed");
        // Two keys in one file, and one of them again in its own file: each key once.
        Path both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(ec.publicKey()) + "some comment\n" + Files.readString(rsa.publicKey()));
        PublicKeys keys = PublicKeys.load(List.of(both, ed.publicKey(), ec.publicKey()));
        assertEquals(List.of(ec.fingerprint(), rsa.fingerprint(), ed.fingerprint()),
                keys.keys().stream().map(SignatureKey::fingerprint).toList());
        assertEquals(List.of("SHA256withECDSA", "SHA256withRSA", "Ed25519"), keys.keys().stream().map(SignatureKey::algorithm).toList());
        assertTrue(PublicKeys.load(List.of()).isEmpty());
        assertFalse(keys.isEmpty());
    }

    @Test
    void aPrivateKeyIsRefusedWithoutEchoingIt() throws IOException {
        KeyPair ec = CosignSignatures.ecdsaP256(dir, "ec");
        InputException e = assertThrows(InputException.class, () -> PublicKeys.load(List.of(ec.privateKey())));
        assertEquals(ec.privateKey() + " is a private key; give the public key (openssl pkey -in KEY -pubout)", e.getMessage());
        String body = Files.readString(ec.privateKey()).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(e.getMessage().contains(body.substring(0, 16)));
    }

    @Test
    void keysCosignCannotUseAreRefused() {
        KeyPair p384 = CosignSignatures.ecdsaP384(dir, "p384");
        InputException curve = assertThrows(InputException.class, () -> PublicKeys.load(List.of(p384.publicKey())));
        assertTrue(curve.getMessage().contains("a curve other than P-256"), curve.getMessage());

        Path small = dir.resolve("rsa1024.key");
        ExternalCommand.run(Duration.ofMinutes(1), "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024",
                "-out", small.toString());
        Path smallPub = dir.resolve("rsa1024.pub");
        ExternalCommand.run(Duration.ofMinutes(1), "openssl", "pkey", "-in", small.toString(), "-pubout", "-out", smallPub.toString());
        InputException weak = assertThrows(InputException.class, () -> PublicKeys.load(List.of(smallPub)));
        assertTrue(weak.getMessage().contains("an RSA key of 1024 bits; at least 2048"), weak.getMessage());
    }

    @Test
    void filesWithoutAUsablePublicKeyAreNamed() throws IOException {
        Path certificateOnly = dir.resolve("cert.pem");
        Files.writeString(certificateOnly, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        InputException certificate = assertThrows(InputException.class, () -> PublicKeys.load(List.of(certificateOnly)));
        assertEquals(certificateOnly + ": no PEM public key (-----BEGIN PUBLIC KEY-----) in it; it holds a CERTIFICATE", certificate.getMessage());

        Path garbage = dir.resolve("garbage.pub");
        Files.writeString(garbage, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        InputException notAKey = assertThrows(InputException.class, () -> PublicKeys.load(List.of(garbage)));
        assertEquals(garbage + " (PEM block 1): not an ECDSA P-256, RSA or Ed25519 public key", notAKey.getMessage());

        Path missing = dir.resolve("missing.pub");
        InputException absent = assertThrows(InputException.class, () -> PublicKeys.load(List.of(missing)));
        assertTrue(absent.getMessage().startsWith(missing + ": cannot read"), absent.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.pub"), "");
        assertEquals(empty + ": no PEM public key (-----BEGIN PUBLIC KEY-----) in it",
                assertThrows(InputException.class, () -> PublicKeys.load(List.of(empty))).getMessage());
    }
}
