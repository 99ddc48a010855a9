package nl.bronsein.runtime.trust;

import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Identifies the participant behind a request on the network port from its TLS client certificate: the certificate
 * must be pinned in the participant list, and its subject {@code serialNumber} must be that participant's number, so
 * nobody can call with another participant's identifier.
 */
public final class NetworkCaller {

    private static final String ATTRIBUTE = NetworkCaller.class.getName();

    private NetworkCaller() {
    }

    /** What the TLS layer tells about the caller, before the participant list is consulted. */
    public record Presented(Optional<X509Certificate> certificate) {

        public Optional<String> fingerprint() {
            return certificate.map(CertificateFingerprint::sha256);
        }

        public Optional<String> subjectSerialNumber() {
            return certificate.flatMap(c -> serialNumberOf(c.getSubjectX500Principal()));
        }
    }

    public static Presented presented(HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain instanceof X509Certificate[] certificates && certificates.length > 0) {
            return new Presented(Optional.of(certificates[0]));
        }
        return new Presented(Optional.empty());
    }

    /** The listed participant that the certificate identifies, if any. */
    public static Optional<Participant> identify(Presented presented, ParticipantList participants) {
        return presented.fingerprint()
                .flatMap(participants::findByCertificate)
                .filter(p -> presented.subjectSerialNumber().filter(p.id().number()::equals).isPresent());
    }

    public static void remember(HttpServletRequest request, Participant participant) {
        request.setAttribute(ATTRIBUTE, participant);
    }

    /** The participant the network filter identified for this request, if it got that far. */
    public static Optional<Participant> identified(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Participant p ? Optional.of(p) : Optional.empty();
    }

    /** The participant the network filter identified for this request. */
    public static Participant of(HttpServletRequest request) {
        Object participant = request.getAttribute(ATTRIBUTE);
        if (participant instanceof Participant p) {
            return p;
        }
        throw new IllegalStateException("request did not pass the network caller filter");
    }

    private static Optional<String> serialNumberOf(X500Principal principal) {
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(principal.getName(X500Principal.RFC2253));
            return name.getRdns().stream()
                    .filter(rdn -> "2.5.4.5".equals(rdn.getType()) || "SERIALNUMBER".equalsIgnoreCase(rdn.getType()))
                    .map(rdn -> decode(rdn.getValue()))
                    .findFirst();
        } catch (javax.naming.InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** RFC 2253 renders attributes without a short name as #hex DER; serialNumber is a PrintableString. */
    private static String decode(Object value) {
        if (value instanceof byte[] der && der.length > 2) {
            return new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return String.valueOf(value);
    }
}
