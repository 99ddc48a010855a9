package nl.bronsein.runtime.contactpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;
import tools.jackson.databind.json.JsonMapper;

/** The contact point registration, its notifications, the handler and the directory against H2 with the runtime's SQL. */
class ContactPointStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Participant SELF = participant("urn:nld:oin:00000001001234567000", ParticipantRole.MUNICIPALITY,
            "https://municipality.example:8443");
    private static final Participant GP = participant("urn:nld:kvk:12345678", ParticipantRole.GP_PRACTICE,
            "https://gp.example:8443");

    private final EmbeddedDatabase db = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
            .generateUniqueName(true)
            .build();

    {
        // every migration, as a node runs them: a hand-picked list of scripts went stale with the first new column
        nl.bronsein.runtime.RuntimeTables.migrate(db);
    }
    private final JdbcClient jdbc = JdbcClient.create(db);
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final NodeIdentity identity = new NodeIdentity(SELF);
    private final OutboxRepository outboxRepository = new OutboxRepository(jdbc);
    private final NotificationCodec codec = new NotificationCodec();
    private final ContactPointRepository repository = new ContactPointRepository(jdbc, SELF.id().urn());
    private final ContactPointService service = new ContactPointService(repository,
            new Outbox(outboxRepository, codec, identity, () -> { }, mock(Addressees.class), mock(nl.bronsein.runtime.audit.AuditTrail.class)), identity, clock);
    private final PulledCopies copies = new PulledCopies(jdbc, JsonMapper.builder().build());
    private final PullClient pull = mock(PullClient.class);
    private final ContactPointHandler handler = new ContactPointHandler(new OwnerAnswers(pull, copies, clock), copies);
    private final ContactPointDirectory directory = new ContactPointDirectory(repository, copies, identity, clock);

    @AfterEach
    void shutdown() {
        db.shutdown();
    }

    @Test
    void publishStoresVersionOneAndNotifiesInTheSameTransaction() {
        ContactPoint published = inTx(() -> service.publish(new ContactPointView("Wijkteam Noord", "020 123 4567", null), null));

        assertThat(published.version()).isEqualTo(1);
        assertThat(published.owner()).isEqualTo(SELF.id().urn());
        assertThat(published.schedule()).containsExactly(new Entry("Wijkteam Noord", "020 123 4567", null, NOW));
        assertThat(repository.find(published.id())).contains(published);
        assertThat(repository.findAll()).containsExactly(published);

        List<OutboxEntry> notified = outboxRepository.findAll();
        assertThat(notified).singleElement().satisfies(entry -> {
            assertThat(entry.eventType()).isEqualTo("nl.bronsein.contact-point.changed.v2");
            // for everyone: the generic topic, no recipient and no recipient's numbering
            assertThat(entry.topic()).isEqualTo("bronsein.generic.contact-point");
            assertThat(entry.recipient()).isNull();
            assertThat(entry.recipientSequence()).isNull();
            assertThat(entry.subject()).isEqualTo(published.id().toString());
            assertThat(entry.dataref()).isEqualTo(URI.create(
                    "https://municipality.example:8443/network/v1/objects/contact-point/" + published.id()));
            ObjectChanged body = codec.decode(entry.body(), ObjectChanged.class);
            assertThat(body).isEqualTo(new ObjectChanged("contact-point", published.id().toString(), 1, SELF.id().urn(),
                    NOW));
        });
    }

    @Test
    void anAnnouncedChangeIsTheNextVersionAndARefusedOneChangesNothing() {
        ContactPoint published = inTx(() -> service.publish(new ContactPointView("Balie", "020 123 4567", null), null));
        ContactPoint announced = inTx(() -> service.announce(published.id(),
                new ContactPointView("Balie", "020 765 4321", "balie@example.nl"), MARCH));

        assertThat(announced.version()).isEqualTo(2);
        assertThat(repository.find(published.id())).contains(announced);
        assertThat(directory.currentDetails(SELF.id().urn(), published.id().toString()))
                .contains(new ContactPointView("Balie", "020 123 4567", null));
        assertThat(outboxRepository.findAll()).hasSize(2);

        assertThatThrownBy(() -> inTx(() -> service.announce(published.id(),
                new ContactPointView("Balie", "020 000 0000", null), MARCH.minusSeconds(1))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(repository.find(published.id())).contains(announced);
        assertThat(outboxRepository.findAll()).hasSize(2);
    }

    @Test
    void aPulledContactPointIsKeptAndListedInTheDirectory() {
        ContactPoint mine = inTx(() -> service.publish(new ContactPointView("Wijkteam", null, "wijkteam@example.nl"), null));
        String theirs = UUID.randomUUID().toString();
        PublishedContactPointView view = new PublishedContactPointView(theirs, 2, GP.id().urn(), List.of(
                new Entry("Assistente", "030 123 4567", null, NOW.minusSeconds(3600)),
                new Entry("Assistente", "030 765 4321", null, MARCH)));
        ReceivedNotification received = notification(GP, theirs);
        when(pull.pull(eq(received.source()), eq("contact-point"), eq(received.notification().subject()),
                eq(received.purpose()), isNull(), eq(PublishedContactPointView.class))).thenReturn(view);

        InboxChange change = handler.prepare(received);
        inTx(() -> {
            change.apply();
            return null;
        });

        assertThat(directory.find(GP.id().urn(), theirs)).contains(view);
        assertThat(directory.currentDetails(GP.id().urn(), theirs)).contains(new ContactPointView("Assistente", "030 123 4567", null));
        assertThat(directory.isOwn(mine.id())).isTrue();
        assertThat(directory.isOwn(UUID.fromString(theirs))).isFalse();
        assertThat(directory.all()).extracting(DirectoryEntry::owner, DirectoryEntry::objectId, DirectoryEntry::own)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SELF.id().urn(), mine.id().toString(), true),
                        org.assertj.core.groups.Tuple.tuple(GP.id().urn(), theirs, false));
        DirectoryEntry pulled = directory.all().get(1);
        assertThat(pulled.version()).isEqualTo(2);
        assertThat(pulled.pulledAt()).isEqualTo(NOW);
        assertThat(pulled.upcoming()).isEqualTo(view.schedule().get(1));
        assertThat(directory.all().get(0).pulledAt()).isNull();
        assertThat(directory.currentDetails(GP.id().urn(), UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aPulledContactPointOfAnotherOwnerOrObjectIsRefused() {
        String theirs = UUID.randomUUID().toString();
        ReceivedNotification received = notification(GP, theirs);
        when(pull.pull(eq(received.source()), eq("contact-point"), eq(received.notification().subject()),
                eq(received.purpose()), isNull(), eq(PublishedContactPointView.class))).thenReturn(new PublishedContactPointView(theirs, 1,
                "urn:nld:kvk:87654321", List.of(new Entry("Assistente", "030 123 4567", null, NOW))));
        assertThatThrownBy(() -> handler.prepare(received)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);

        when(pull.pull(eq(received.source()), eq("contact-point"), eq(received.notification().subject()),
                eq(received.purpose()), isNull(), eq(PublishedContactPointView.class))).thenReturn(new PublishedContactPointView(
                UUID.randomUUID().toString(), 1, GP.id().urn(), List.of(new Entry("Assistente", "030 123 4567", null, NOW))));
        assertThatThrownBy(() -> handler.prepare(received)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    private static ReceivedNotification notification(Participant source, String objectId) {
        ObjectChanged body = new ObjectChanged("contact-point", objectId, 1, source.id().urn(), NOW);
        Notification notification = new Notification(UUID.randomUUID().toString(), source.id().urn(),
                "nl.bronsein.contact-point.changed.v2", objectId, NOW,
                URI.create(source.nodeUrl() + "/network/v1/objects/contact-point/" + objectId), 1L, new byte[0],
                "bronsein.generic.contact-point", 0, 0);
        return new ReceivedNotification(notification, SharedObjectType.CONTACT_POINT, body, source, "contact-points");
    }

    private static Participant participant(String urn, ParticipantRole role, String nodeUrl) {
        return new Participant(ParticipantId.of(urn), role, "Test", URI.create(nodeUrl), "ab");
    }
}
