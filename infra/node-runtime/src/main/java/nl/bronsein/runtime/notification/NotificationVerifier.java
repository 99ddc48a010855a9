package nl.bronsein.runtime.notification;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

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

    private final List<X509Certificate> authorities;

    /** @param authorities the network's CA certificates, from the node's own SSL bundle's trust store */
    public NotificationVerifier(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no CA certificate to check signers against");
        }
        this.authorities = List.copyOf(authorities);
    }

    /** @throws MalformedNotificationException when the record is not signed by its listed source's node */
    public void verify(Notification notification, Participant source) {
        if (notification.signature() == null || notification.signerCertificate() == null) {
            throw new MalformedNotificationException("not signed by its source");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(notification.signerCertificate())));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new MalformedNotificationException("signer certificate is not an X.509 certificate");
        }
        if (!CertificateFingerprint.sha256(certificate).equals(source.certificateSha256())) {
            throw new MalformedNotificationException("signer certificate is not the one listed for the source");
        }
        if (authorities.stream().noneMatch(ca -> issuedBy(certificate, ca))) {
            throw new MalformedNotificationException("signer certificate is not issued by the network's CA");
        }
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
