package io.portcullis.image.registry;

import io.portcullis.InputException;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * A trust manager that trusts the system's CAs and, in addition, the certificates of a PEM file
 * (a private registry's CA, or its self-signed certificate). Verification itself stays the JDK's:
 * chains and host names are still checked.
 */
final class ExtraCaTrust {

    private ExtraCaTrust() {
    }

    static X509TrustManager systemPlus(Path pemFile) {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pemFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new InputException("cannot read CA certificates from " + pemFile + ": " + e.getMessage(), e);
        }
        if (extra.isEmpty()) {
            throw new InputException("no certificate found in CA file " + pemFile + ": expected PEM 'BEGIN CERTIFICATE' blocks");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate system : trustManager(null).getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, system);
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            return trustManager(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** The JDK's X.509 trust manager over a store, or over the system CAs when the store is null. */
    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}
