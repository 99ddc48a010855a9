package nl.bronsein.devpki;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Reads the PEM files with the JDK alone (no BouncyCastle, no code under test), the way any Java TLS consumer would,
 * and builds SSLContexts from them.
 */
final class JdkPem {

    static final char[] PASSWORD = "changeit".toCharArray();

    private JdkPem() {
    }

    static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    static PrivateKey pkcs8PrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(pem + " has no PKCS#8 PRIVATE KEY block");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static KeyStore keyStore(Path certificatePem, Path privateKeyPem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", pkcs8PrivateKey(privateKeyPem), PASSWORD,
                certificates(certificatePem).toArray(Certificate[]::new));
        return store;
    }

    static KeyStore trustStore(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate certificate : certificates(caPem)) {
            store.setCertificateEntry("trusted-" + i++, certificate);
        }
        return store;
    }

    static SSLContext sslContext(KeyStore keyStore, KeyStore trustStore) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * A context whose key manager offers its certificate whatever the server asks for. A normal JDK client does not
     * offer a certificate whose issuer is not among the server's accepted issuers (the server then fails with "Empty
     * client certificate chain"); this one does, so the server's own trust decision is what gets tested.
     */
    static SSLContext insistentSslContext(Path certificatePem, Path privateKeyPem, Path caPem)
            throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore(certificatePem, privateKeyPem), PASSWORD);
        X509ExtendedKeyManager delegate = (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0];
        X509ExtendedKeyManager insistent = new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "node";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "node";
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"node"};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return delegate.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return delegate.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return delegate.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return delegate.getPrivateKey(alias);
            }
        };
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trustStore(caPem));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {insistent}, trustManagers.getTrustManagers(), null);
        return context;
    }

    static SSLContext sslContext(Path certificatePem, Path privateKeyPem, Path caPem)
            throws IOException, GeneralSecurityException {
        return sslContext(keyStore(certificatePem, privateKeyPem), trustStore(caPem));
    }
}
