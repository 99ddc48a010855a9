package nl.bronsein.devpki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A development certificate authority: a self-signed EC P-256 CA that issues node certificates for a local network
 * and for tests. <strong>Never for production</strong>, which uses PKIoverheid certificates.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class DevCertificateAuthority {

    /** Alias of the trusted entry in {@link #trustStore()}. */
    public static final String TRUST_ALIAS = "ca";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private DevCertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * A new self-signed CA: subject C=NL, O=Bronsein development, CN={@code commonName}; basicConstraints CA:true
     * (pathLen 0, critical), keyUsage keyCertSign + cRLSign (critical); valid from one hour ago for ten years.
     */
    public static DevCertificateAuthority generate(String commonName) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return generate(commonName, now.minus(NodeCertificateRequest.BACKDATE),
                now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
    }

    /** As {@link #generate(String)} with an explicit validity period. */
    public static DevCertificateAuthority generate(String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        KeyPair keys = Certificates.newEcKeyPair();
        X509Certificate certificate = Certificates.selfSignedCa(Certificates.caSubject(commonName), keys,
                notBefore, notAfter);
        return new DevCertificateAuthority(certificate, keys.getPrivate());
    }

    /**
     * Loads a CA written by {@link #writeTo(Path, Path)} (the first certificate of the file is taken).
     *
     * @throws IllegalArgumentException if the certificate is not a CA certificate or the key is not its key
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static DevCertificateAuthority load(Path certificatePem, Path privateKeyPem) {
        X509Certificate certificate = PemFiles.readCertificate(certificatePem);
        PrivateKey key = PemFiles.readPrivateKey(privateKeyPem);
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(certificatePem + " is not a CA certificate (basicConstraints CA:false)");
        }
        if (!Certificates.keysMatch(key, certificate.getPublicKey())) {
            throw new IllegalArgumentException(privateKeyPem + " is not the private key of the CA certificate in "
                    + certificatePem);
        }
        return new DevCertificateAuthority(certificate, key);
    }

    /** Writes the CA certificate (PEM) and its private key (unencrypted PKCS#8 PEM, owner-only on POSIX). */
    public void writeTo(Path certificatePem, Path privateKeyPem) {
        PemFiles.writeCertificates(certificatePem, certificate);
        PemFiles.writePrivateKey(privateKeyPem, privateKey);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's signing key: for tests that need to forge or sign something themselves. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Issues a node certificate with a fresh EC P-256 key pair. */
    public NodeCredentials issue(NodeCertificateRequest request) {
        Objects.requireNonNull(request, "request");
        KeyPair keys = Certificates.newEcKeyPair();
        X509Certificate issued = Certificates.node(request, keys.getPublic(), certificate, privateKey);
        return new NodeCredentials(issued, keys.getPrivate(), certificate);
    }

    /** A PKCS12 trust store (no password needed to read) with this CA's certificate as alias {@value #TRUST_ALIAS}. */
    public KeyStore trustStore() {
        return trustStore(certificate);
    }

    /** A PKCS12 trust store with the given certificate as trusted entry alias {@value #TRUST_ALIAS}. */
    public static KeyStore trustStore(X509Certificate trusted) {
        Objects.requireNonNull(trusted, "trusted");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(TRUST_ALIAS, trusted);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build PKCS12 trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DevCertificateAuthority[" + certificate.getSubjectX500Principal() + ", sha256="
                + NodeCredentials.sha256Fingerprint(certificate) + "]";
    }
}
