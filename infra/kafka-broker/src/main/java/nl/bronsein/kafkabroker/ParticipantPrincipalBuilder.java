package nl.bronsein.kafkabroker;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.KafkaPrincipalBuilder;
import org.apache.kafka.common.security.auth.KafkaPrincipalSerde;
import org.apache.kafka.common.security.auth.SslAuthenticationContext;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;

/**
 * Makes the Kafka principal of a TLS client the participant its certificate names: {@code User:urn:nld:oin:<OIN>}
 * for a 20-digit subject {@code serialNumber} (a government body), {@code User:urn:nld:kvk:<KvK>} for an 8-digit one.
 * These are the participant ids the rest of the network uses (participant list, notifications, audit), so an ACL
 * reads as "participant X may read topic T", and the same id names the participant at the HTTPS door and at the
 * broker.
 *
 * <p>Why a principal builder and not {@code ssl.principal.mapping.rules}: Kafka applies those rules to
 * {@link X500Principal#getName()} (RFC 2253), and the JDK has no keyword for serialNumber (OID 2.5.4.5), so that string
 * carries it as {@code 2.5.4.5=#13083132333435363738}: the hex of its DER encoding, whose first bytes depend on the
 * ASN.1 string type the CA chose. A regular expression can only copy that hex, not decode it, so the principal would
 * be {@code User:3132333435363738} rather than the participant id. The CN and O are organisation names, neither
 * unique nor stable, so mapping them instead would not name the participant.
 *
 * <p>A certificate whose subject has no single serialNumber that is an OIN or a KvK number gets no principal at all:
 * {@link #build} throws, as Kafka's own builder does when no mapping rule applies, and the broker closes the
 * connection. There is deliberately no fall-back to the subject DN: a DN-derived name could be chosen by whoever
 * controls a certificate's other attributes to look like somebody else's principal.
 *
 * <p>Only for TLS listeners: a secured broker has no other (see {@link BrokerSecurity}). KRaft forwards client
 * requests from the broker to the controller with the principal serialised, so this class is also the
 * {@link KafkaPrincipalSerde}, in Kafka's own format.
 */
public final class ParticipantPrincipalBuilder implements KafkaPrincipalBuilder, KafkaPrincipalSerde {

    private static final Pattern OIN = Pattern.compile("\\d{20}");
    private static final Pattern KVK = Pattern.compile("\\d{8}");
    private static final String SERIAL_NUMBER_OID = "2.5.4.5";
    private static final String SERIAL_NUMBER = "SERIALNUMBER";

    private final DefaultKafkaPrincipalBuilder serde = new DefaultKafkaPrincipalBuilder(null, null);

    /** Kafka instantiates the builder named in {@code principal.builder.class} through this constructor. */
    public ParticipantPrincipalBuilder() {
        // stateless apart from the serde
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        if (!(context instanceof SslAuthenticationContext ssl)) {
            throw new KafkaException("a secured broker only accepts TLS clients, not " + context.securityProtocol());
        }
        X509Certificate leaf;
        try {
            Certificate[] chain = ssl.session().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
                throw new KafkaException("no X.509 client certificate");
            }
            leaf = x509;
        } catch (SSLPeerUnverifiedException e) {
            throw new KafkaException("no verified client certificate", e);
        }
        return participantOf(leaf).map(id -> new KafkaPrincipal(KafkaPrincipal.USER_TYPE, id))
                .orElseThrow(() -> new KafkaException("client certificate subject has no OIN or KvK serialNumber"));
    }

    /** The participant id ({@code urn:nld:oin:…} / {@code urn:nld:kvk:…}) a certificate names, if it names one. */
    public static Optional<String> participantOf(X509Certificate certificate) {
        return serialNumber(certificate.getSubjectX500Principal()).flatMap(number -> {
            if (OIN.matcher(number).matches()) {
                return Optional.of("urn:nld:oin:" + number);
            }
            if (KVK.matcher(number).matches()) {
                return Optional.of("urn:nld:kvk:" + number);
            }
            return Optional.empty();
        });
    }

    /** The subject's serialNumber, if it has exactly one; the keyword map makes the JDK print it as text, not hex. */
    private static Optional<String> serialNumber(X500Principal subject) {
        try {
            LdapName name = new LdapName(subject.getName(X500Principal.RFC2253, Map.of(SERIAL_NUMBER_OID, SERIAL_NUMBER)));
            List<String> values = new ArrayList<>();
            // every attribute, also those in a multi-valued RDN (CN=x+SERIALNUMBER=y), so that two can never hide one
            for (Rdn rdn : name.getRdns()) {
                Attribute attribute = rdn.toAttributes().get(SERIAL_NUMBER);
                for (int i = 0; attribute != null && i < attribute.size(); i++) {
                    values.add(attribute.get(i) instanceof String value ? value : null);
                }
            }
            return values.size() == 1 && values.get(0) != null ? Optional.of(values.get(0)) : Optional.empty();
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] serialize(KafkaPrincipal principal) {
        return serde.serialize(principal);
    }

    @Override
    public KafkaPrincipal deserialize(byte[] bytes) {
        return serde.deserialize(bytes);
    }
}
