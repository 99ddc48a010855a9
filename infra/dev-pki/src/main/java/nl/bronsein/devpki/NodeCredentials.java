package nl.bronsein.devpki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A node's certificate, its private key and the certificate of whoever issued it (the dev CA, or the certificate
 * itself when {@link #selfSigned(NodeCertificateRequest) self-signed}).
 *
 * <p>{@link #toString()} never shows the private key.
 */
public record NodeCredentials(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

    /** Alias of the key entry in {@link #toKeyStore(char[])}. */
    public static final String KEY_ALIAS = "node";

    public NodeCredentials {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** For tests: a certificate no CA vouches for (issuer = the certificate itself), with the same extensions. */
    public static NodeCredentials selfSigned(NodeCertificateRequest request) {
        Objects.requireNonNull(request, "request");
        KeyPair keys = Certificates.newEcKeyPair();
        X509Certificate certificate = Certificates.node(request, keys.getPublic(), null, keys.getPrivate());
        return new NodeCredentials(certificate, keys.getPrivate(), certificate);
    }

    /**
     * Loads what {@link #writePem(Path, Path)} wrote: the certificate file's first certificate is the leaf, the
     * second (if any) its issuer; a single self-signed certificate is its own issuer.
     *
     * @throws IllegalArgumentException if the key does not belong to the leaf, or the file holds a single
     *                                  certificate that is not self-signed
     */
    public static NodeCredentials load(Path certificatePem, Path privateKeyPem) {
        List<X509Certificate> chain = PemFiles.readCertificates(certificatePem);
        PrivateKey key = PemFiles.readPrivateKey(privateKeyPem);
        X509Certificate leaf = chain.get(0);
        if (!Certificates.keysMatch(key, leaf.getPublicKey())) {
            throw new IllegalArgumentException(privateKeyPem + " is not the private key of the certificate in "
                    + certificatePem);
        }
        X509Certificate issuer;
        if (chain.size() > 1) {
            issuer = chain.get(1);
        } else if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
            issuer = leaf;
        } else {
            throw new IllegalArgumentException(certificatePem + " holds only the leaf; expected leaf then issuer");
        }
        return new NodeCredentials(leaf, key, issuer);
    }

    /** Leaf first, then the issuer unless the leaf is self-signed (then just the leaf). */
    public List<X509Certificate> chain() {
        return isSelfSigned() ? List.of(certificate) : List.of(certificate, issuer);
    }

    /** True if this certificate is its own issuer ({@link #selfSigned(NodeCertificateRequest)}). */
    public boolean isSelfSigned() {
        return certificate.equals(issuer);
    }

    /** The subject's serialNumber attribute (OIN / KvK number). */
    public String serialNumber() {
        return CertificateSubjects.serialNumber(certificate)
                .orElseThrow(() -> new IllegalStateException("certificate subject has no single serialNumber"));
    }

    /**
     * Writes the certificate file as the chain (leaf, then the issuer; a self-signed leaf only once) and the key file
     * as unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). Both are replaced if present; parent directories
     * are created; the key file is owner-only on POSIX.
     */
    public void writePem(Path certificatePem, Path privateKeyPem) {
        PemFiles.writeCertificates(certificatePem, chain());
        PemFiles.writePrivateKey(privateKeyPem, privateKey);
    }

    /** Lowercase hex SHA-256 of the leaf certificate's DER encoding, no separators (64 characters). */
    public String sha256Fingerprint() {
        return sha256Fingerprint(certificate);
    }

    /** Lowercase hex SHA-256 of the certificate's DER encoding, no separators (64 characters). */
    public static String sha256Fingerprint(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS12 key store with one key entry, alias {@value #KEY_ALIAS}, holding {@link #chain()}. */
    public KeyStore toKeyStore(char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, privateKey, password, chain().toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build PKCS12 key store: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "NodeCredentials[subject=" + certificate.getSubjectX500Principal()
                + ", issuer=" + certificate.getIssuerX500Principal()
                + ", notAfter=" + certificate.getNotAfter().toInstant()
                + ", sha256=" + sha256Fingerprint() + "]";
    }
}
