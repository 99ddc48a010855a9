package nl.bronsein.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import nl.bronsein.runtime.trust.CertificateFingerprint;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantList.InvalidParticipantListException;
import nl.bronsein.runtime.trust.TrustProperties;

/**
 * The start-up checks of a node's identity: its participant list can be read, its own identifier is listed there,
 * and the SSL bundle it uses on the network holds readable PEM files whose certificate is the one the list pins for
 * it. Each failure is an {@link InvalidNodeConfigurationException} naming the property to fix. (Simple settings —
 * required values, positive sizes and durations — are checked by Bean Validation when the properties are bound;
 * subscriptions where they are bound; pull policies where the node's own object types are known.)
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /** Reads {@code bronsein.node.participant-list}. */
    public static ParticipantList participantList(TrustProperties trust) {
        try {
            return ParticipantList.read(trust.participantList());
        } catch (InvalidParticipantListException e) {
            throw new InvalidNodeConfigurationException("bronsein.node.participant-list", e.location(), e.problem(),
                    "Set bronsein.node.participant-list to the participant list published by the network's governance "
                            + "(JSON, see docs/configuration.md), e.g. file:/etc/bronsein/participants.json.", e);
        }
    }

    /** This node's own entry of the list, by {@code bronsein.node.participant-id}. */
    public static NodeIdentity nodeIdentity(TrustProperties trust, ParticipantList participants) {
        return participants.find(trust.participantId()).map(NodeIdentity::new)
                .orElseThrow(() -> new InvalidNodeConfigurationException("bronsein.node.participant-id",
                        trust.participantId(), "is not in the participant list "
                        + ParticipantList.location(trust.participantList()),
                        "Set bronsein.node.participant-id to this node's own entry in the participant list, or have the "
                                + "network's governance admit this participant."));
    }

    /**
     * Checks the SSL bundle {@code bronsein.node.ssl-bundle} (default {@code network}): for a PEM bundle, that the
     * certificate chain, private key and trusted CA certificates are set, exist, are readable PEM and that the key
     * belongs to the certificate; for any bundle, that its certificate is the one the participant list pins for this
     * node by SHA-256 fingerprint.
     */
    public static void networkCertificate(TrustProperties trust, NodeIdentity identity, SslProperties ssl,
                                          SslBundles bundles, ResourceLoader resources) {
        String bundle = trust.sslBundle();
        String pem = "spring.ssl.bundle.pem." + bundle;
        PemSslBundleProperties pemBundle = ssl == null ? null : ssl.getBundle().getPem().get(bundle);
        X509Certificate certificate;
        String certificateProperty;
        String certificateLocation;
        if (pemBundle != null) {
            certificateProperty = pem + ".keystore.certificate";
            certificateLocation = pemBundle.getKeystore().getCertificate();
            List<X509Certificate> chain = certificates(certificateProperty, certificateLocation,
                    "this node's certificate chain (PEM, leaf first)", "node.crt", resources);
            PrivateKey key = privateKey(pem + ".keystore.private-key", pemBundle.getKeystore().getPrivateKey(),
                    pemBundle.getKeystore().getPrivateKeyPassword(), resources);
            certificates(pem + ".truststore.certificate", pemBundle.getTruststore().getCertificate(),
                    "the CA certificate(s) that issue the network's certificates (PEM)", "ca.crt", resources);
            certificate = chain.get(0);
            if (!belongTogether(key, certificate.getPublicKey())) {
                throw new InvalidNodeConfigurationException(pem + ".keystore.private-key",
                        pemBundle.getKeystore().getPrivateKey(), "is not the private key of the certificate in "
                        + certificateProperty + " (" + certificateLocation + ")",
                        "Set it to the key the certificate was issued for.");
            }
        } else if (ssl != null && ssl.getBundle().getJks().containsKey(bundle) && bundles != null) {
            certificateProperty = "spring.ssl.bundle.jks." + bundle + ".keystore.location";
            certificateLocation = ssl.getBundle().getJks().get(bundle).getKeystore().getLocation();
            certificate = keyStoreCertificate(certificateProperty, certificateLocation, bundles.getBundle(bundle));
        } else {
            throw new InvalidNodeConfigurationException(pem + ".keystore.certificate", null,
                    "is not set: the network port and outgoing pulls use SSL bundle '" + bundle
                            + "' (bronsein.node.ssl-bundle), which is not configured",
                    "Set " + pem + ".keystore.certificate, " + pem + ".keystore.private-key and " + pem
                            + ".truststore.certificate to this node's certificate chain, its private key and the "
                            + "network's CA certificate (PEM files, e.g. file:/etc/bronsein/tls/node.crt).");
        }
        String fingerprint = CertificateFingerprint.sha256(certificate);
        if (!fingerprint.equals(identity.participant().certificateSha256())) {
            throw new InvalidNodeConfigurationException(certificateProperty, certificateLocation,
                    "is not the certificate the participant list " + ParticipantList.location(trust.participantList())
                            + " lists for " + identity.id() + ": its SHA-256 fingerprint is " + fingerprint
                            + ", the list has " + identity.participant().certificateSha256(),
                    "Install the certificate (and key) registered for " + identity.id() + ", or have the network's "
                            + "governance list this certificate's fingerprint.");
        }
    }

    private static List<X509Certificate> certificates(String property, String value, String what, String example,
                                                      ResourceLoader resources) {
        String content = content(property, value, what, example, resources);
        List<X509Certificate> certificates;
        try {
            certificates = PemContent.of(content).getCertificates();
        } catch (RuntimeException e) {
            throw new InvalidNodeConfigurationException(property, shown(value), "is not a readable PEM certificate: "
                    + e.getMessage(), "Set it to " + what + ".", e);
        }
        if (certificates == null || certificates.isEmpty()) {
            throw new InvalidNodeConfigurationException(property, shown(value), "holds no PEM certificate "
                    + "(-----BEGIN CERTIFICATE-----)", "Set it to " + what + ".");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String property, String value, String password, ResourceLoader resources) {
        String what = "this node's private key (PKCS#8 PEM)";
        String content = content(property, value, what, "node.key", resources);
        PrivateKey key;
        try {
            key = PemContent.of(content).getPrivateKey(password);
        } catch (RuntimeException e) {
            throw new InvalidNodeConfigurationException(property, shown(value), "is not a readable PEM private key: "
                    + e.getMessage(), "Set it to " + what + ".", e);
        }
        if (key == null) {
            throw new InvalidNodeConfigurationException(property, shown(value), "holds no PEM private key "
                    + "(-----BEGIN PRIVATE KEY-----)", "Set it to " + what + ".");
        }
        return key;
    }

    /** A PEM property's content: inline PEM as is, otherwise read from the location it names. */
    private static String content(String property, String value, String what, String example,
                                  ResourceLoader resources) {
        String action = "Set " + property + " to " + what + ", e.g. file:/etc/bronsein/tls/" + example + ".";
        if (value == null || value.isBlank()) {
            throw new InvalidNodeConfigurationException(property, null, "is not set", action);
        }
        if (PemContent.isPresentInText(value)) {
            return value;
        }
        Resource resource = resources.getResource(value.strip());
        if (!resource.exists()) {
            throw new InvalidNodeConfigurationException(property, value, "does not exist", action);
        }
        if (!resource.isReadable()) {
            throw new InvalidNodeConfigurationException(property, value, "cannot be read (not a readable file)", action);
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidNodeConfigurationException(property, value, "cannot be read: " + e.getMessage(), action, e);
        }
    }

    private static String shown(String value) {
        return PemContent.isPresentInText(value) ? "(inline PEM)" : value;
    }

    private static X509Certificate keyStoreCertificate(String property, String location, SslBundle bundle) {
        try {
            KeyStore store = bundle.getStores().getKeyStore();
            String alias = bundle.getKey().getAlias();
            if (alias == null && store != null) {
                alias = Collections.list(store.aliases()).stream().filter(a -> isKeyEntry(store, a)).findFirst()
                        .orElse(null);
            }
            Certificate certificate = store == null || alias == null ? null : store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                return x509;
            }
            throw new InvalidNodeConfigurationException(property, location, "holds no key entry with a certificate",
                    "Set it to a key store holding this node's key and certificate.");
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof InvalidNodeConfigurationException invalid) {
                throw invalid;
            }
            throw new InvalidNodeConfigurationException(property, location, "cannot be read: " + e.getMessage(),
                    "Set it to a key store holding this node's key and certificate.", e);
        }
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the private key is the public key's counterpart: it signs what the public key verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // an algorithm this check does not know; the TLS handshake will tell
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
