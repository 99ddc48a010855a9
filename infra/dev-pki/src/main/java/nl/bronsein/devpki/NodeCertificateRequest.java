package nl.bronsein.devpki;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.util.IPAddress;

/**
 * What a node certificate should say.
 *
 * <p>{@code organisationName} goes to the subject's O and CN; {@code serialNumber} to the subject's serialNumber
 * attribute (OID 2.5.4.5, PrintableString) &mdash; where PKIoverheid certificates carry the OIN, and so where this
 * network reads a participant's identity: the 20-digit OIN of a municipality, the 8-digit KvK number of a GP
 * practice or provider. {@code dnsNames} and {@code ipAddresses} become the SubjectAlternativeName (omitted when
 * both are empty). Validity is exactly {@code notBefore..notAfter} (X.509 keeps whole seconds), so a test can ask for
 * a certificate that has already expired or is not yet valid.
 *
 * <p>The lists are copied (immutable). IP addresses must be literal IPv4 or IPv6 addresses (no DNS look-up).
 */
public record NodeCertificateRequest(String organisationName, String serialNumber, List<String> dnsNames,
                                     List<String> ipAddresses, Instant notBefore, Instant notAfter) {

    /** Validity of {@link #of(String, String)}: from one hour ago (clock skew) for two years. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    public NodeCertificateRequest {
        requireText(organisationName, "organisationName");
        requireText(serialNumber, "serialNumber");
        if (!DERPrintableString.isPrintableString(serialNumber)) {
            throw new IllegalArgumentException("serialNumber must be a PrintableString (letters, digits, space, '()+,-./:=?): "
                    + serialNumber);
        }
        dnsNames = List.copyOf(Objects.requireNonNull(dnsNames, "dnsNames"));
        ipAddresses = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
        for (String dnsName : dnsNames) {
            requireText(dnsName, "dnsNames element");
        }
        for (String ipAddress : ipAddresses) {
            if (!IPAddress.isValid(ipAddress)) {
                throw new IllegalArgumentException("not an IP address literal: " + ipAddress);
            }
        }
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
        }
    }

    /** SAN localhost + 127.0.0.1, valid from one hour ago for two years. */
    public static NodeCertificateRequest of(String organisationName, String serialNumber) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(2).toInstant();
        return new NodeCertificateRequest(organisationName, serialNumber, List.of("localhost"), List.of("127.0.0.1"),
                now.minus(BACKDATE), notAfter);
    }

    /** The same request with other DNS names in the SubjectAlternativeName. */
    public NodeCertificateRequest withDnsNames(List<String> names) {
        return new NodeCertificateRequest(organisationName, serialNumber, names, ipAddresses, notBefore, notAfter);
    }

    /** The same request with other IP addresses in the SubjectAlternativeName. */
    public NodeCertificateRequest withIpAddresses(List<String> addresses) {
        return new NodeCertificateRequest(organisationName, serialNumber, dnsNames, addresses, notBefore, notAfter);
    }

    /** The same request with another validity period (e.g. one in the past, for an expired certificate). */
    public NodeCertificateRequest withValidity(Instant from, Instant until) {
        return new NodeCertificateRequest(organisationName, serialNumber, dnsNames, ipAddresses, from, until);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
