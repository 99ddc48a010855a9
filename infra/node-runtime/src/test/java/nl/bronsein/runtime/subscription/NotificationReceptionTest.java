package nl.bronsein.runtime.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxEntry;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.notification.NotificationSigner;
import nl.bronsein.runtime.notification.NotificationVerifier;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;

/**
 * A municipality's reception, on the real inbox and source positions (H2), that follows the referrals and contact
 * points of every GP practice. Each check in its order, with a record that fails that check alone — well-formed and
 * signed by its sender for the topic it was read from in every other respect: it is refused with that check's reason,
 * and nothing is stored, no sequence number noted and the processor not woken. A record that is not for this node is
 * ignored just as quietly; one that passes is stored once.
 */
class NotificationReceptionTest {

    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final String GP = "urn:nld:kvk:12345678";
    private static final String PROVIDER = "urn:nld:kvk:87654321";
    private static final String UNLISTED = "urn:nld:kvk:11223344";
    private static final String INBOX = NotificationTopics.inbox("MUNICIPALITY", MUNICIPALITY);
    private static final String CONTACT_POINTS = "bronsein.generic.contact-point";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final DevCertificateAuthority ca = DevCertificateAuthority.generate("Reception test CA");
    private final Sender municipality = sender(MUNICIPALITY, ParticipantRole.MUNICIPALITY, "00000001001234567000");
    private final Sender gp = sender(GP, ParticipantRole.GP_PRACTICE, "12345678");
    private final Sender provider = sender(PROVIDER, ParticipantRole.PROVIDER, "87654321");
    private final NotificationCodec codec = new NotificationCodec();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InboxProcessor processor = mock(InboxProcessor.class);
    private DataSource database;
    private Inbox inbox;
    private SourcePositions positions;
    private NotificationReception reception;

    /** A participant with the credentials its node signs with. */
    private record Sender(Participant participant, NodeCredentials credentials) {

        String urn() {
            return participant.id().urn();
        }
    }

    @BeforeEach
    void reception() {
        database = RuntimeTables.inMemoryH2Database("notification-reception");
        JdbcClient jdbc = JdbcClient.create(database);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        inbox = new Inbox(jdbc, clock);
        positions = new SourcePositions(jdbc, clock);
        SubscriptionProperties subscriptions = new SubscriptionProperties(List.of(new Subscription("intake",
                List.of("referral", "contact-point"), List.of("role:GP_PRACTICE"))), null);
        ParticipantList participants = new ParticipantList(List.of(municipality.participant(), gp.participant(),
                provider.participant()));
        reception = new NotificationReception(inbox, processor, subscriptions, participants,
                new NodeIdentity(municipality.participant()), codec, positions, new RuntimeMetrics(meters),
                new NotificationVerifier(List.of(ca.certificate())));
    }

    @Test
    void aReferralFromAFollowedPracticeIsStoredWithItsPurposeItsNumberNotedAndTheProcessorWoken() {
        CloudEvent referral = referral(gp);

        assertThat(reception.accept(sent(referral, gp, INBOX))).isTrue();

        assertThat(inbox.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.notification().id()).isEqualTo(referral.getId());
            assertThat(entry.notification().subject()).isEqualTo(referral.getSubject());
            assertThat(entry).extracting(InboxEntry::objectType, InboxEntry::purpose, InboxEntry::status)
                    .containsExactly("referral", "intake", InboxStatus.RECEIVED);
        });
        assertThat(positions.find(GP)).get().extracting(SourcePositions.Position::highestSeen).isEqualTo(7L);
        verify(processor).wakeUp();
        assertThat(received("stored")).isEqualTo(1);
    }

    @Test
    void theSameEventAgainIsADuplicateAndStoredOnce() {
        Notification referral = sent(referral(gp), gp, INBOX);
        reception.accept(referral);

        assertThat(reception.accept(referral)).isFalse();

        assertThat(inbox.entries()).hasSize(1);
        verify(processor, times(1)).wakeUp();
        assertThat(received("duplicate")).isEqualTo(1);
    }

    @Test
    void aGenericNotificationOnItsGenericTopicIsStoredAndItsNumberNotCounted() {
        String desk = UUID.randomUUID().toString();
        CloudEvent contactPoint = event(gp, "nl.bronsein.contact-point.published.v2", "contact-point", desk);

        assertThat(reception.accept(sent(contactPoint, gp, CONTACT_POINTS))).isTrue();

        assertThat(inbox.entries()).singleElement().extracting(InboxEntry::objectType).isEqualTo("contact-point");
        assertThat(positions.all()).as("a generic topic is not numbered per recipient").isEmpty();
    }

    @Test
    void aNotificationFromTheSourcesHistoryNeedsNoRecordSignature() {
        Notification unsigned = read(referral(gp), INBOX);

        assertThatThrownBy(() -> reception.accept(unsigned)).hasMessage("not signed by its source");
        assertThat(reception.acceptFromSource(unsigned)).isTrue();
        assertThat(inbox.entries()).hasSize(1);
    }

    @Test
    void firstAnAttributeBeyondItsColumnIsRefused() {
        CloudEvent longId = CloudEventBuilder.from(referral(gp)).withId("i".repeat(201)).build();

        assertRefused(sent(longId, gp, INBOX), "ce_id is longer than 200 characters");
    }

    @Test
    void thenATypeThatIsNoNotificationTypeOfTheNetwork() {
        CloudEvent prescription = CloudEventBuilder.from(referral(gp)).withType("nl.bronsein.prescription.recorded.v2").build();

        assertRefused(sent(prescription, gp, INBOX), "event type is not a notification type of this network");
    }

    @Test
    void thenATypeReadFromATopicItDoesNotBelongOn() {
        String otherMunicipality = NotificationTopics.inbox("MUNICIPALITY", "urn:nld:oin:00000001009876543000");
        assertRefused(sent(referral(gp), gp, otherMunicipality), "event type does not belong on this topic");
        assertRefused(sent(referral(gp), gp, CONTACT_POINTS), "event type does not belong on this topic");

        CloudEvent contactPoint = event(gp, "nl.bronsein.contact-point.published.v2", "contact-point",
                UUID.randomUUID().toString());
        assertRefused(sent(contactPoint, gp, INBOX), "event type does not belong on this topic");
    }

    @Test
    void thenASourceThatIsNotListed() {
        // its own CA certificate and node: everything about it holds together but the list
        Sender unlisted = sender(UNLISTED, ParticipantRole.GP_PRACTICE, "11223344");

        assertRefused(sent(referral(unlisted), unlisted, INBOX), "source is not in the participant list");
    }

    @Test
    void aRecordOfThisNodeItselfIsIgnored() {
        assertIgnored(sent(referral(municipality), municipality, INBOX));
    }

    @Test
    void aRecordNoSubscriptionCoversIsIgnored() {
        assertIgnored(sent(referral(provider), provider, INBOX));
    }

    @Test
    void thenABodyThatCannotBeRead() {
        CloudEvent unreadable = CloudEventBuilder.from(referral(gp)).withData(new byte[] {(byte) 0xC3, 1, 2}).build();

        assertRefused(sent(unreadable, gp, INBOX), "body is not Avro single-object encoded");
    }

    @Test
    void thenABodyAboutAnotherOwnerOrObjectThanTheEvent() {
        CloudEvent referral = referral(gp);
        String subject = referral.getSubject();
        for (ObjectChanged body : List.of(new ObjectChanged("referral", subject, 1, PROVIDER, NOW),
                new ObjectChanged("referral", UUID.randomUUID().toString(), 1, GP, NOW),
                new ObjectChanged("case", subject, 1, GP, NOW))) {
            CloudEvent other = CloudEventBuilder.from(referral).withData(codec.encode(body)).build();
            assertRefused(sent(other, gp, INBOX), "body names another owner or object than the event");
        }
    }

    @Test
    void thenADatarefThatIsNotTheSourcesPullUrlOfTheObject() {
        CloudEvent referral = referral(gp);
        for (String dataref : List.of("https://gp.example:8443/network/v1/notifications",
                "https://gp.example:8443/network/v1/objects/referral/" + UUID.randomUUID(),
                "https://elsewhere.example:8443/network/v1/objects/referral/" + referral.getSubject())) {
            CloudEvent other = CloudEventBuilder.from(referral).withExtension("dataref", URI.create(dataref)).build();
            assertRefused(sent(other, gp, INBOX), NotificationReception.DATAREF_REFUSED);
        }
    }

    @Test
    void lastASignatureThatIsNotTheSourcesNode() {
        assertRefused(sent(referral(gp), provider, INBOX), "signer certificate is not the one listed for the source");
        assertRefused(read(referral(gp), INBOX), "not signed by its source");
    }

    @Test
    void inATransactionTheProcessorIsWokenOnlyOnceTheEntryIsCommitted() {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));

        transactions.executeWithoutResult(status -> {
            assertThat(reception.accept(sent(referral(gp), gp, INBOX))).isTrue();
            verify(processor, never()).wakeUp();
        });
        verify(processor).wakeUp();

        transactions.executeWithoutResult(status -> {
            assertThat(reception.accept(sent(referral(gp), gp, INBOX))).isTrue();
            status.setRollbackOnly();
        });
        verify(processor, times(1)).wakeUp();
        assertThat(inbox.entries()).hasSize(1);
    }

    private void assertRefused(Notification notification, String reason) {
        double parkedBefore = received("parked");
        assertThatThrownBy(() -> reception.accept(notification)).isInstanceOf(MalformedNotificationException.class)
                .hasMessage(reason);
        assertNothingTaken();
        assertThat(received("parked")).isEqualTo(parkedBefore + 1);
    }

    private void assertIgnored(Notification notification) {
        assertThat(reception.accept(notification)).isFalse();
        assertNothingTaken();
        assertThat(received("ignored")).isEqualTo(1);
    }

    private void assertNothingTaken() {
        assertThat(inbox.entries()).isEmpty();
        assertThat(positions.all()).as("no sequence number noted").isEmpty();
        verify(processor, never()).wakeUp();
    }

    /** Over every topic: the counter is one per topic and outcome. */
    private double received(String outcome) {
        return meters.find(RuntimeMetrics.RECEIVED).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private Sender sender(String urn, ParticipantRole role, String number) {
        NodeCredentials credentials = ca.issue(NodeCertificateRequest.of(role + " " + number, number));
        Participant participant = new Participant(ParticipantId.of(urn), role, urn,
                URI.create("https://" + role.name().toLowerCase().replace('_', '-') + ".example:8443"),
                credentials.sha256Fingerprint());
        return new Sender(participant, credentials);
    }

    /** A referral by its owner as it would send it, consistent in every attribute, number 7 of what it sent us. */
    private CloudEvent referral(Sender owner) {
        return event(owner, "nl.bronsein.referral.recorded.v2", "referral", UUID.randomUUID().toString());
    }

    private CloudEvent event(Sender owner, String type, String objectType, String objectId) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create(owner.urn()))
                .withType(type).withSubject(objectId).withTime(NOW.atOffset(ZoneOffset.UTC))
                .withDataContentType(NotificationEnvelope.CONTENT_TYPE)
                .withExtension("dataref", owner.participant().pullUrl(objectType, objectId))
                .withExtension("sequence", "7")
                .withData(codec.encode(new ObjectChanged(objectType, objectId, 1, owner.urn(), NOW)))
                .build();
    }

    /** The record as read from {@code topic}, signed by {@code signer}'s node for that topic. */
    private static Notification sent(CloudEvent event, Sender signer, String topic) {
        NotificationSigner signature = new NotificationSigner(signer.credentials().privateKey(),
                signer.credentials().certificate());
        return read(signature.sign(event, topic), topic);
    }

    private static Notification read(CloudEvent event, String topic) {
        return NotificationEnvelope.fromCloudEvent(event, topic, 0, 0);
    }
}
