package nl.bronsein.devpki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Reads the attributes this network cares about out of a certificate subject.
 *
 * <p>Why a helper: the JDK has no keyword for serialNumber (OID 2.5.4.5) in RFC 2253 output, so
 * {@code principal.getName()} shows it as {@code 2.5.4.5=#1314...} (hex of the DER value). Without this class, use
 * {@code principal.getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER"))} and parse that with
 * {@code javax.naming.ldap.LdapName}.
 */
public final class CertificateSubjects {

    private CertificateSubjects() {
    }

    /** The subject's serialNumber attribute (OIN / KvK number), if it has exactly one such attribute. */
    public static Optional<String> serialNumber(X509Certificate certificate) {
        return serialNumber(Objects.requireNonNull(certificate, "certificate").getSubjectX500Principal());
    }

    /** The principal's serialNumber attribute (OIN / KvK number), if it has exactly one such attribute. */
    public static Optional<String> serialNumber(X500Principal principal) {
        return single(principal, BCStyle.SERIALNUMBER);
    }

    /** The principal's organisationName (O) attribute, if it has exactly one such attribute. */
    public static Optional<String> organisationName(X500Principal principal) {
        return single(principal, BCStyle.O);
    }

    /** The principal's commonName (CN) attribute, if it has exactly one such attribute. */
    public static Optional<String> commonName(X500Principal principal) {
        return single(principal, BCStyle.CN);
    }

    private static Optional<String> single(X500Principal principal, ASN1ObjectIdentifier type) {
        Objects.requireNonNull(principal, "principal");
        List<ASN1Encodable> values = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(principal.getEncoded()).getRDNs(type)) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (type.equals(attribute.getType())) {
                    values.add(attribute.getValue());
                }
            }
        }
        if (values.size() != 1) {
            return Optional.empty();
        }
        ASN1Encodable value = values.get(0);
        return Optional.of(value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value));
    }
}
