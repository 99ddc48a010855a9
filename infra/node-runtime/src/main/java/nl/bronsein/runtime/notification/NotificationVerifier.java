package nl.bronsein.runtime.notification;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import nl.bronsein.runtime.trust.CertificateFingerprint;
import nl.bronsein.runtime.trust.Participant;

/**
 * Checks that a notification read from a topic was signed by the node of the participant it names as its source: the
 * certificate it carries must be the one the participant list pins for that participant (SHA-256), be issued by the
 * network's CA, and its key must verify the signature over the record as read ({@link SignedContent}). A record that
 * fails is refused with the reason — never with anything of its content — and parked before anything is stored or
 * pulled. Write ACLs only say who may write an inbox (any GP practice may write any municipality's); this says who
 * wrote the record.
 */
public final class NotificationVerifier {

    /** More signer certificates than a network has nodes: a cache that outgrows it is emptied, not trusted less. */
    private static final int KNOWN_SIGNERS = 50_000;

    private final List<X509Certificate> authorities;
    /**
     * Signer certificates already found issued by the network's CA, by their encoding as they travel, with their
     * fingerprints: parsing, hashing and checking the CA's signature on every record cost a node as much as the
     * record's own signature (the benchmark's consumer fell behind at half the sustained rate). The pinned fingerprint
     * and the record's signature are still checked for every record.
     */
    private final Map<String, Signer> known = new ConcurrentHashMap<>();

    /** @param authorities the network's CA certificates, from the node's own SSL bundle's trust store */
    public NotificationVerifier(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no CA certificate to check signers against");
        }
        this.authorities = List.copyOf(authorities);
    }

    private record Signer(X509Certificate certificate, String fingerprint) {
    }

    /** @throws MalformedNotificationException when the record is not signed by its listed source's node */
    public void verify(Notification notification, Participant source) {
        if (notification.signature() == null || notification.signerCertificate() == null) {
            throw new MalformedNotificationException("not signed by its source");
        }
        Signer cached = known.get(notification.signerCertificate());
        Signer signer = cached != null ? cached : parse(notification.signerCertificate());
        if (!signer.fingerprint().equals(source.certificateSha256())) {
            throw new MalformedNotificationException("signer certificate is not the one listed for the source");
        }
        if (cached == null) {
            if (authorities.stream().noneMatch(ca -> issuedBy(signer.certificate(), ca))) {
                throw new MalformedNotificationException("signer certificate is not issued by the network's CA");
            }
            if (known.size() >= KNOWN_SIGNERS) {
                known.clear();
            }
            known.put(notification.signerCertificate(), signer);
        }
        X509Certificate certificate = signer.certificate();
        byte[] content = SignedContent.of(notification.topic(), notification.id(), notification.source(),
                notification.type(), notification.subject(), notification.time(),
                notification.dataref() == null ? null : notification.dataref().toString(), notification.sequence(),
                notification.body());
        try {
            Signature signature = Signature.getInstance(
                    NotificationSigner.algorithmFor(certificate.getPublicKey().getAlgorithm()));
            signature.initVerify(certificate.getPublicKey());
            signature.update(content);
            if (!signature.verify(Base64.getDecoder().decode(notification.signature()))) {
                throw new MalformedNotificationException("signature does not match the record");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MalformedNotificationException("signature does not match the record");
        }
    }

    /** A certificate as it travels, parsed, with its fingerprint. */
    private static Signer parse(String encoded) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(encoded)));
            return new Signer(certificate, CertificateFingerprint.sha256(certificate));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new MalformedNotificationException("signer certificate is not an X.509 certificate");
        }
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate authority) {
        try {
            if (!certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
                return false;
            }
            certificate.verify(authority.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
