package nl.bronsein.runtime.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * A notification is accepted as its source's only with its source's signature over exactly what was sent, to exactly
 * that inbox: any attribute, the body or the topic changed, another participant's key, a key not from the network's
 * CA, or no signature at all, and the receiver refuses it with the reason.
 */
class NotificationSignatureTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String INBOX = "bronsein.inbox.municipality.oin.00000001001234567000";

    private final DevCertificateAuthority ca = DevCertificateAuthority.generate("Test CA");
    private final NodeCredentials gp = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
    private final NodeCredentials provider = ca.issue(NodeCertificateRequest.of("Zorg en Welzijn IJsselland", "87654321"));
    private final Participant listedGp = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
            URI.create("https://gp.example:8443"), gp.sha256Fingerprint());
    private final NotificationVerifier verifier = new NotificationVerifier(List.of(ca.certificate()));

    @Test
    void aRecordSignedByItsListedSourceForThisInboxVerifies() {
        Notification read = read(signedBy(gp), UnaryOperator.identity());

        assertThat(read.signature()).isNotBlank();
        assertThat(read.signerCertificate()).isNotBlank();
        assertThatCode(() -> verifier.verify(read, listedGp)).doesNotThrowAnyException();
    }

    @Test
    void anyChangeToWhatWasSignedIsRefused() {
        ProducerRecord<String, byte[]> signed = signedBy(gp);
        for (Map.Entry<String, String> change : Map.of("ce_subject", UUID.randomUUID().toString(),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "nl.bronsein.referral.withdrawn.v2",
                "ce_sequence", "7", "ce_time", "2020-01-01T00:00:00Z").entrySet()) {
            Notification read = read(signed, record -> withHeader(record, change.getKey(), change.getValue()));
            assertThatThrownBy(() -> verifier.verify(read, listedGp)).as(change.getKey())
                    .hasMessage("signature does not match the record");
        }
        Notification otherBody = read(signed, record -> new ProducerRecord<>(record.topic(), null, record.key(),
                new byte[] {(byte) 0xC3, 1, 2, 3}, record.headers()));
        assertThatThrownBy(() -> verifier.verify(otherBody, listedGp)).hasMessage("signature does not match the record");
        // copied into another participant's inbox
        Notification otherInbox = read(signed, record -> new ProducerRecord<>("bronsein.inbox.municipality.oin.00000001009876543000",
                null, record.key(), record.value(), record.headers()));
        assertThatThrownBy(() -> verifier.verify(otherInbox, listedGp)).hasMessage("signature does not match the record");
    }

    @Test
    void anotherParticipantsKeyAKeyFromAnotherCaOrNoSignatureIsRefused() {
        assertThatThrownBy(() -> verifier.verify(read(signedBy(provider), UnaryOperator.identity()), listedGp))
                .hasMessage("signer certificate is not the one listed for the source");

        NodeCredentials selfMade = DevCertificateAuthority.generate("Another CA")
                .issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
        Participant listedWithIt = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
                URI.create("https://gp.example:8443"), selfMade.sha256Fingerprint());
        assertThatThrownBy(() -> verifier.verify(read(signedBy(selfMade), UnaryOperator.identity()), listedWithIt))
                .hasMessage("signer certificate is not issued by the network's CA");

        Notification unsigned = read(signedBy(gp), record -> {
            RecordHeaders headers = new RecordHeaders();
            for (Header h : record.headers()) {
                if (!h.key().equals("ce_signature")) {
                    headers.add(h);
                }
            }
            return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
        });
        assertThatThrownBy(() -> verifier.verify(unsigned, listedGp)).hasMessage("not signed by its source");
        Notification garbled = read(signedBy(gp), record -> withHeader(record, "ce_signercertificate", "bm90IGEgY2VydA=="));
        assertThatThrownBy(() -> verifier.verify(garbled, listedGp)).hasMessage("signer certificate is not an X.509 certificate");
    }

    @Test
    void aSignerCertificateKnownFromEarlierRecordsStillOnlyVouchesForItsOwnSourceAndItsOwnRecords() {
        // the provider's certificate, verified once for the provider, is known to the verifier from then on
        Participant listedProvider = new Participant(ParticipantId.of("urn:nld:kvk:87654321"), ParticipantRole.PROVIDER,
                "ZWI", URI.create("https://zwi.example:7443"), provider.sha256Fingerprint());
        Notification fromProvider = read(signedBy(provider), UnaryOperator.identity());
        assertThatCode(() -> verifier.verify(fromProvider, listedProvider)).doesNotThrowAnyException();

        assertThatThrownBy(() -> verifier.verify(read(signedBy(provider), UnaryOperator.identity()), listedGp))
                .hasMessage("signer certificate is not the one listed for the source");
        Notification changed = read(signedBy(provider), record -> withHeader(record, "ce_sequence", "8"));
        assertThatThrownBy(() -> verifier.verify(changed, listedProvider)).hasMessage("signature does not match the record");
        // and a certificate of another CA is refused every time, not remembered
        NodeCredentials selfMade = DevCertificateAuthority.generate("Another CA")
                .issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
        Participant listedWithIt = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
                URI.create("https://gp.example:8443"), selfMade.sha256Fingerprint());
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> verifier.verify(read(signedBy(selfMade), UnaryOperator.identity()), listedWithIt))
                    .hasMessage("signer certificate is not issued by the network's CA");
        }
    }

    private ProducerRecord<String, byte[]> signedBy(NodeCredentials credentials) {
        String referral = UUID.randomUUID().toString();
        OutboxEntry entry = new OutboxEntry(1, UUID.randomUUID(), 1L, INBOX, "nl.bronsein.referral.recorded.v2", "referral",
                referral, URI.create("https://gp.example:8443/network/v1/objects/referral/" + referral),
                Instant.parse("2026-12-05T10:00:00.123Z"), new byte[] {(byte) 0xC3, 1, 9, 9}, null,
                "urn:nld:oin:00000001001234567000", 1L);
        return NotificationEnvelope.toRecord(entry, GP, new NotificationSigner(credentials.privateKey(),
                credentials.certificate()));
    }

    private static Notification read(ProducerRecord<String, byte[]> sent,
                                     UnaryOperator<ProducerRecord<String, byte[]>> change) {
        ProducerRecord<String, byte[]> record = change.apply(sent);
        return NotificationEnvelope.fromRecord(new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME,
                0, 0, record.key(), record.value(), record.headers(), java.util.Optional.empty()));
    }

    /** The record with one header replaced; a subject changes the key with it, as a forger would keep them agreed. */
    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.key().equals(key) ? value.getBytes(java.nio.charset.StandardCharsets.UTF_8) : h.value());
        }
        return new ProducerRecord<>(record.topic(), null, key.equals("ce_subject") ? value : record.key(), record.value(),
                headers);
    }
}
