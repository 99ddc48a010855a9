package nl.bronsein.runtime.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
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
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ServiceKind;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue's publication, its notifications, the handler and the directory against H2 with the runtime's SQL. */
class CatalogueStoreTest {

    /** 23:30 UTC on 4 January is already 5 January in the Netherlands: "today" is the network's day. */
    private static final Instant NOW = Instant.parse("2026-01-04T23:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 5);
    private static final Participant SELF = participant("urn:nld:oin:00000001001234567000", ParticipantRole.MUNICIPALITY,
            "https://municipality.example:8443");
    private static final Participant OTHER = participant("urn:nld:oin:00000001009876543000", ParticipantRole.MUNICIPALITY,
            "https://other.example:8443");
    private static final Participant GP = participant("urn:nld:kvk:12345678", ParticipantRole.GP_PRACTICE,
            "https://gp.example:8443");
    private static final Participant PROVIDER = participant("urn:nld:kvk:87654321", ParticipantRole.PROVIDER,
            "https://provider.example:8443");

    private final EmbeddedDatabase db = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
            .generateUniqueName(true).build();

    {
        RuntimeTables.migrate(db);
    }

    private final JdbcClient jdbc = JdbcClient.create(db);
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final OutboxRepository outboxRepository = new OutboxRepository(jdbc);
    private final NotificationCodec codec = new NotificationCodec();
    private final CatalogueRepository repository = new CatalogueRepository(jdbc, SELF.id().urn());
    private final ParticipantList participants = new ParticipantList(List.of(SELF, OTHER, GP, PROVIDER));
    private final CataloguePublication publication = publication(SELF);
    private final PulledCopies copies = new PulledCopies(jdbc, JsonMapper.builder().build());
    private final PullClient pull = mock(PullClient.class);
    private final CatalogueHandler handler = new CatalogueHandler(new OwnerAnswers(pull, copies, clock), copies);
    private final ServiceCatalogue catalogue = new ServiceCatalogue(repository, copies, new NodeIdentity(SELF), clock);

    @AfterEach
    void shutdown() {
        db.shutdown();
    }

    @Test
    void publishStoresVersionOneAndNotifiesEveryoneInTheSameTransaction() {
        CatalogueService published = inTx(() -> publication.publish(details("Huishoudelijke hulp", TODAY, null)));

        assertThat(published.version()).isEqualTo(1);
        assertThat(published.owner()).isEqualTo(SELF.id().urn());
        assertThat(repository.find(published.id())).contains(published);
        assertThat(outboxRepository.findAll()).singleElement().satisfies(entry -> {
            assertThat(entry.eventType()).isEqualTo("nl.bronsein.service.changed.v2");
            assertThat(entry.topic()).isEqualTo("bronsein.generic.service");
            assertThat(entry.recipient()).isNull();
            assertThat(entry.dataref()).isEqualTo(URI.create(
                    "https://municipality.example:8443/network/v1/objects/service/" + published.id()));
            assertThat(codec.decode(entry.body(), ObjectChanged.class)).isEqualTo(new ObjectChanged("service",
                    published.id().toString(), 1, SELF.id().urn(), NOW));
        });
    }

    @Test
    void aProviderMustBeAListedProviderAndARefusedChangeStoresNothing() {
        CatalogueService.Details unknown = new CatalogueService.Details("Begeleiding", ServiceKind.WMO_PRODUCT, null,
                List.of(PROVIDER.id().urn(), GP.id().urn(), "urn:nld:kvk:11112222"), 4, TODAY, TODAY);

        assertThatThrownBy(() -> inTx(() -> publication.publish(unknown))).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .containsExactly("providers[1]", "providers[2]", "effectiveUntil"));
        assertThat(repository.findAll()).isEmpty();
        assertThat(outboxRepository.findAll()).isEmpty();
    }

    @Test
    void onlyAMunicipalityPublishes() {
        assertThatThrownBy(() -> inTx(() -> publication(GP).publish(details("Huishoudelijke hulp", TODAY, null))))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(outboxRepository.findAll()).isEmpty();
    }

    @Test
    void aCorrectionIsTheNextVersionAndARetiredServiceLeavesTodaysCatalogue() {
        CatalogueService published = inTx(() -> publication.publish(details("Huishoudelijke hulp", TODAY, null)));
        CatalogueService corrected = inTx(() -> publication.correct(published.id(),
                details("Huishoudelijke ondersteuning", TODAY.minusDays(3), null)));
        assertThat(corrected.version()).isEqualTo(2);
        assertThat(catalogue.list(null, null, TODAY)).extracting(CatalogueServiceView::name)
                .containsExactly("Huishoudelijke ondersteuning");

        CatalogueService retired = inTx(() -> publication.retire(published.id(), null));
        assertThat(retired.version()).isEqualTo(3);
        assertThat(retired.effectiveUntil()).isEqualTo(TODAY);
        assertThat(catalogue.list(null, null, catalogue.today())).isEmpty();
        assertThat(catalogue.list(null, null, null)).containsExactly(retired.view());
        assertThat(catalogue.find(SELF.id().urn(), published.id().toString())).contains(retired.view());
        assertThat(outboxRepository.findAll()).extracting(OutboxEntry::subject).hasSize(3);

        assertThatThrownBy(() -> inTx(() -> publication.retire(published.id(), TODAY.plusDays(7))))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(repository.find(published.id())).contains(retired);
    }

    @Test
    void aPulledServiceIsKeptAndListedByMunicipalityAndKind() {
        CatalogueService mine = inTx(() -> publication.publish(details("Huishoudelijke hulp", TODAY, null)));
        String theirs = UUID.randomUUID().toString();
        CatalogueServiceView view = new CatalogueServiceView(theirs, 2, OTHER.id().urn(), "Jeugdhulp ambulant",
                ServiceKind.YOUTH_PRODUCT, "Begeleiding thuis", List.of(PROVIDER.id().urn()), 8, TODAY.minusDays(1), null);
        ReceivedNotification received = notification(OTHER, theirs);
        when(pull.pull(eq(received.source()), eq("service"), eq(theirs), eq("catalogue"), isNull(),
                eq(CatalogueServiceView.class))).thenReturn(view);

        InboxChange change = handler.prepare(received);
        inTx(() -> {
            change.apply();
            return null;
        });

        assertThat(catalogue.find(OTHER.id().urn(), theirs)).contains(view);
        assertThat(catalogue.list(null, null, TODAY)).containsExactly(mine.view(), view);
        assertThat(catalogue.list(OTHER.id().urn(), null, TODAY)).containsExactly(view);
        assertThat(catalogue.list(null, ServiceKind.WMO_PRODUCT, TODAY)).containsExactly(mine.view());
        assertThat(catalogue.list(null, null, TODAY.minusDays(1))).containsExactly(view);
        assertThat(catalogue.find(OTHER.id().urn(), UUID.randomUUID().toString())).isEmpty();
        assertThat(catalogue.find(SELF.id().urn(), "not-a-uuid")).isEmpty();
    }

    /** A case shows the service of our own catalogue its referral names, as it stands now, and no other's. */
    @Test
    void theServiceAReferralNamesIsResolvedFromOurOwnCatalogueOnly() {
        CatalogueService published = inTx(() -> publication.publish(details("Huishoudelijke hulp", TODAY, null)));
        CatalogueService retired = inTx(() -> publication.retire(published.id(), null));

        assertThat(catalogue.namedIn(referralNaming(new ObjectReferenceView(SELF.id().urn(), "service",
                published.id().toString())))).contains(retired.view());
        assertThat(catalogue.namedIn(referralNaming(new ObjectReferenceView(OTHER.id().urn(), "service",
                published.id().toString())))).isEmpty();
        assertThat(catalogue.namedIn(referralNaming(new ObjectReferenceView(SELF.id().urn(), "contact-point",
                published.id().toString())))).isEmpty();
        assertThat(catalogue.namedIn(referralNaming(null))).isEmpty();
        assertThat(catalogue.namedIn(null)).isEmpty();
    }

    private static ReferralIntakeView referralNaming(ObjectReferenceView service) {
        return new ReferralIntakeView("r-1", 1, GP.id().urn(), null, NOW, null, null, null, "begeleiding", null,
                "ROUTINE", null, SELF.id().urn(), null, service);
    }

    /** Published to everyone: any listed participant is involved, none is addressed, no consent is asked. */
    @Test
    void theSourceServesTheServiceToEveryParticipantWithoutConsent() {
        CatalogueService published = inTx(() -> publication.publish(details("Huishoudelijke hulp", TODAY, null)));
        CatalogueSource source = new CatalogueSource(repository);

        assertThat(source.objectType()).isEqualTo(SharedObjectType.SERVICE);
        assertThat(source.find(UUID.randomUUID())).isEmpty();
        assertThat(source.find(published.id())).hasValueSatisfying(shared -> {
            assertThat(shared.involved()).isEmpty();
            assertThat(shared.involves(GP.id())).isTrue();
            assertThat(shared.consentCovers("anything")).isTrue();
            assertThat(shared.view(CatalogueSource.VIEW, GP)).isEqualTo(published.view());
            assertThatThrownBy(() -> shared.view("intake", GP)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void aServiceAnnouncedByAnyoneButAMunicipalityIsNotPulled() {
        ReceivedNotification received = notification(GP, UUID.randomUUID().toString());

        assertThatThrownBy(() -> handler.prepare(received)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.NOT_FOR_US);
        verifyNoInteractions(pull);
    }

    @Test
    void aPulledServiceOfAnotherObjectIsRefused() {
        String theirs = UUID.randomUUID().toString();
        ReceivedNotification received = notification(OTHER, theirs);
        when(pull.pull(any(), any(), any(), any(), any(), eq(CatalogueServiceView.class))).thenReturn(
                new CatalogueServiceView(UUID.randomUUID().toString(), 1, OTHER.id().urn(), "Dagbesteding",
                        ServiceKind.GENERAL_PROVISION, null, List.of(), null, TODAY, null));

        assertThatThrownBy(() -> handler.prepare(received)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
    }

    private CataloguePublication publication(Participant node) {
        NodeIdentity identity = new NodeIdentity(node);
        return new CataloguePublication(repository, new Outbox(outboxRepository, codec, identity, () -> { },
                mock(Addressees.class), mock(nl.bronsein.runtime.audit.AuditTrail.class)), participants, identity, clock);
    }

    private static CatalogueService.Details details(String name, LocalDate from, LocalDate until) {
        return new CatalogueService.Details(name, ServiceKind.WMO_PRODUCT, "Hulp bij het huishouden",
                List.of(PROVIDER.id().urn()), 6, from, until);
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    private static ReceivedNotification notification(Participant source, String objectId) {
        ObjectChanged body = new ObjectChanged("service", objectId, 1, source.id().urn(), NOW);
        Notification notification = new Notification(UUID.randomUUID().toString(), source.id().urn(),
                "nl.bronsein.service.changed.v2", objectId, NOW,
                URI.create(source.nodeUrl() + "/network/v1/objects/service/" + objectId), null, new byte[0],
                "bronsein.generic.service", 0, 0);
        return new ReceivedNotification(notification, SharedObjectType.SERVICE, body, source, "catalogue");
    }

    /** Each with a certificate of its own, as the participant list requires. */
    private static Participant participant(String urn, ParticipantRole role, String nodeUrl) {
        return new Participant(ParticipantId.of(urn), role, "Test", URI.create(nodeUrl),
                Integer.toHexString(urn.hashCode()));
    }
}
