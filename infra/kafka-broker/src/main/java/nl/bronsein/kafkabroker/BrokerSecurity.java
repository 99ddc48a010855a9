package nl.bronsein.kafkabroker;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a secured {@link LocalKafkaBroker} needs: its own TLS identity, the CA certificates it trusts for clients, and
 * the participants that may do everything (operators). All PEM text, as the network's PKI writes it (certificate chain
 * leaf first; unencrypted PKCS#8 key).
 *
 * <p>The broker's own certificate must name a participant (an OIN or KvK subject serialNumber, see
 * {@link ParticipantPrincipalBuilder}): the broker talks to its own controller over the same mutual TLS and is
 * authorised as that participant, which is therefore always a super user. No listener of a secured broker is
 * plaintext and {@code User:ANONYMOUS} is never a super user.
 *
 * @param certificateChainPem    the broker's certificate chain, leaf first; the leaf must carry the broker host
 *                               (127.0.0.1) in its SubjectAlternativeName, as clients verify it
 * @param privateKeyPem          the broker's private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param trustedCertificatesPem the CA certificate(s) client certificates must chain to
 * @param superUsers             participant ids ({@code urn:nld:oin:…}, {@code urn:nld:kvk:…}) allowed everything,
 *                               besides the broker itself; an ACL-less resource is open to them only
 */
public record BrokerSecurity(String certificateChainPem, String privateKeyPem, String trustedCertificatesPem,
                             Set<String> superUsers) {

    private static final Pattern PARTICIPANT_ID = Pattern.compile("urn:nld:(oin:\\d{20}|kvk:\\d{8})");

    public BrokerSecurity {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(trustedCertificatesPem, "trustedCertificatesPem");
        superUsers = Set.copyOf(superUsers);
        if (!privateKeyPem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("privateKeyPem must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        if (parse(trustedCertificatesPem, "trustedCertificatesPem").isEmpty()) {
            throw new IllegalArgumentException("trustedCertificatesPem holds no certificate");
        }
        List<X509Certificate> chain = parse(certificateChainPem, "certificateChainPem");
        if (chain.isEmpty() || ParticipantPrincipalBuilder.participantOf(chain.get(0)).isEmpty()) {
            throw new IllegalArgumentException("certificateChainPem: the broker's certificate must have an OIN or KvK "
                    + "subject serialNumber, so that the broker has a participant principal");
        }
        for (String superUser : superUsers) {
            if (!PARTICIPANT_ID.matcher(superUser).matches()) {
                throw new IllegalArgumentException("superUsers: not a participant id (urn:nld:oin:<20 digits> or "
                        + "urn:nld:kvk:<8 digits>): '" + superUser + "'");
            }
        }
    }

    /** The participant id the broker's own certificate names: its principal towards itself. */
    public String brokerParticipant() {
        return ParticipantPrincipalBuilder.participantOf(parse(certificateChainPem, "certificateChainPem").get(0))
                .orElseThrow();
    }

    /** {@code super.users}: the broker itself and the given operators, as {@code User:<participant id>}. */
    String superUsersProperty() {
        Set<String> all = new LinkedHashSet<>();
        all.add(brokerParticipant());
        superUsers.stream().sorted().forEach(all::add);
        return all.stream().map(id -> "User:" + id).collect(Collectors.joining(";"));
    }

    /** The broker's TLS and authorisation settings, for every listener (client and controller alike). */
    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>(clientSslProperties(certificateChainPem, privateKeyPem,
                trustedCertificatesPem));
        p.remove("security.protocol"); // a client setting; the broker takes it from listener.security.protocol.map
        p.put("ssl.client.auth", "required");
        p.put("principal.builder.class", ParticipantPrincipalBuilder.class.getName());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", superUsersProperty());
        return p;
    }

    /** Client settings with the broker's own identity: a super user (the readiness check uses them). */
    Map<String, String> brokerClientProperties() {
        return clientSslProperties(certificateChainPem, privateKeyPem, trustedCertificatesPem);
    }

    /**
     * Kafka client settings for mutual TLS with PEM text: what a participant's producer, consumer or admin client
     * needs to reach a secured broker.
     */
    public static Map<String, String> clientSslProperties(String certificateChainPem, String privateKeyPem,
                                                          String trustedCertificatesPem) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SSL");
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.certificate.chain", certificateChainPem);
        p.put("ssl.keystore.key", privateKeyPem);
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", trustedCertificatesPem);
        return p;
    }

    private static List<X509Certificate> parse(String pem, String field) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(field + ": not PEM certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BrokerSecurity[broker " + brokerParticipant() + ", super users " + superUsers + "]";
    }
}
