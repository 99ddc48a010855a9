package nl.bronsein.provider.assignment;

import nl.bronsein.runtime.pull.Withdrawal;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static nl.bronsein.provider.Fixtures.OTHER_PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle, its notifications and the pull-side rules on an in-memory H2 with the real migrations. No Spring
 * context (the runtime's would need a participant list and Kafka), so transactions are not exercised here.
 */
class AssignmentServiceTest {

    private static final ObjectReferenceView CASE = new ObjectReferenceView(MUNICIPALITY, "case", "case-1");
    private static final ObjectReferenceView REFERRAL = new ObjectReferenceView(GP, "referral", "r-1");

    private AssignmentRepository repository;
    private PulledCopies copies;
    private Outbox outbox;
    private AssignmentService service;
    private AssignmentSource source;

    @BeforeEach
    void setUp() {
        JdbcClient jdbc = JdbcClient.create(Fixtures.database("assignments-" + UUID.randomUUID()));
        repository = new AssignmentRepository(jdbc);
        copies = new PulledCopies(jdbc, JsonMapper.builder().build());
        outbox = mock(Outbox.class);
        service = new AssignmentService(repository, outbox, Fixtures.provider(), Clock.fixed(NOW, ZoneOffset.UTC));
        source = new AssignmentSource(repository, new AssignmentBasis(copies), Fixtures.provider());
    }

    @Test
    void anOfferIsOpenedOncePerBasisAndNotified() {
        Assignment first = service.offer(CASE, REFERRAL, "begeleiding-individueel");
        Assignment again = service.offer(CASE, REFERRAL, "something else");

        assertThat(again).isEqualTo(first);
        assertThat(repository.findAll()).containsExactly(first);
        assertThat(first.status()).isEqualTo(AssignmentStatus.OFFERED);
        assertThat(first.offeredAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MILLIS));
        NewNotification notification = notified(1).get(0);
        assertThat(notification.objectId()).isEqualTo(first.id().toString());
        assertThat(notification.objectVersion()).isEqualTo(1);
        // who hears of it is the policy's business: the assignment involves the municipality and the GP
        assertThat(source.find(first.id()).orElseThrow().involved())
                .containsExactlyInAnyOrder(ParticipantId.of(MUNICIPALITY), ParticipantId.of(GP));
    }

    @Test
    void aDirectReferralInvolvesTheGpOnly() {
        Assignment offered = service.offer(REFERRAL, REFERRAL, null);

        notified(1);
        assertThat(source.find(offered.id()).orElseThrow().involved()).containsExactly(ParticipantId.of(GP));
    }

    @Test
    void theLifecycleRunsToCareEnded() {
        UUID id = service.offer(CASE, REFERRAL, "begeleiding-individueel").id();
        service.accept(id);
        service.startCare(id);
        Assignment ended = service.endCare(id, "goals reached");

        assertThat(ended.version()).isEqualTo(4);
        assertThat(ended.status()).isEqualTo(AssignmentStatus.CARE_ENDED);
        assertThat(ended.acceptedAt()).isNotNull();
        assertThat(ended.careStartedAt()).isNotNull();
        assertThat(ended.careEndedAt()).isNotNull();
        assertThat(repository.find(id)).contains(ended);
        assertThat(notified(4)).extracting(NewNotification::objectVersion).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anIllegalStepChangesNothingAndNotifiesNothing() {
        UUID id = service.offer(CASE, REFERRAL, null).id();
        Assignment declined = service.decline(id, "no capacity");

        assertThatThrownBy(() -> service.accept(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.startCare(id)).isInstanceOf(IllegalTransitionException.class);
        assertThat(repository.find(id)).contains(declined);
        notified(2);
    }

    @Test
    void aStaleVersionDoesNotLand() {
        Assignment offered = service.offer(CASE, REFERRAL, null);
        Assignment accepted = service.accept(offered.id());
        Assignment stale = new Assignment(offered.id(), 2, AssignmentStatus.DECLINED, CASE, REFERRAL, null,
                offered.offeredAt(), null, NOW, "late", null, null, null);

        assertThat(repository.update(stale, offered.version(), NOW)).isFalse();
        assertThat(repository.find(offered.id())).contains(accepted);
    }

    @Test
    void theCommissioningMunicipalityAndTheReferrerAreInvolvedNobodyElse() {
        SharedObject caseBased = source.find(service.offer(CASE, REFERRAL, null).id()).orElseThrow();
        SharedObject direct = source.find(service.offer(new ObjectReferenceView(GP, "referral", "r-2"),
                new ObjectReferenceView(GP, "referral", "r-2"), null).id()).orElseThrow();

        assertThat(caseBased.involves(ParticipantId.of(MUNICIPALITY))).isTrue();
        assertThat(caseBased.involves(ParticipantId.of(GP))).isTrue();
        assertThat(caseBased.involves(ParticipantId.of(OTHER_PROVIDER))).isFalse();
        assertThat(direct.involves(ParticipantId.of(GP))).isTrue();
        assertThat(direct.involves(ParticipantId.of(MUNICIPALITY))).isFalse();
    }

    @Test
    void theGpDoesNotSeeTheDeclineReason() {
        UUID id = service.offer(CASE, REFERRAL, "begeleiding-individueel").id();
        service.decline(id, "no capacity");
        SharedObject shared = source.find(id).orElseThrow();

        AssignmentView followUp = (AssignmentView) shared.view("assignment-follow-up",
                Fixtures.participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY));
        AssignmentView feedback = (AssignmentView) shared.view("referral-feedback",
                Fixtures.participant(GP, ParticipantRole.GP_PRACTICE));

        assertThat(followUp.declineReason()).isEqualTo("no capacity");
        assertThat(followUp.owner()).isEqualTo(Fixtures.PROVIDER);
        assertThat(followUp.basis()).isEqualTo(CASE);
        assertThat(feedback.declineReason()).isNull();
        assertThat(feedback.status()).isEqualTo(AssignmentStatus.DECLINED);
    }

    @Test
    void consentComesFromTheReferralAsPulledFromTheGpAndAWithdrawalOfEitherCopyCounts() {
        SharedObject shared = source.find(service.offer(CASE, REFERRAL, null).id()).orElseThrow();
        assertThat(shared.consentCovers("referral-feedback")).isFalse();

        copies.keep(new PulledCopy<>(MUNICIPALITY, SharedObjectType.CASE, "case-1", 3, "care-delivery", NOW,
                Fixtures.caseView("case-1", CaseStatus.ASSIGNED, Fixtures.PROVIDER), null, null));
        // the case carries no consent: the municipality does not hand on what it pulled from the GP
        assertThat(shared.consentCovers("referral-feedback")).isFalse();
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, "r-1", 2, "care-delivery", NOW,
                Fixtures.careDeliveryReferral("r-1", Fixtures.consent(ConsentStatus.GIVEN, "care-delivery", "referral-feedback")),
                null, null));
        assertThat(shared.consentCovers("referral-feedback")).isTrue();
        assertThat(shared.consentCovers("research")).isFalse();
        assertThat(shared.withdrawn()).isFalse();

        copies.withdraw(GP, SharedObjectType.REFERRAL, "r-1", Withdrawal.CONSENT_WITHDRAWN, NOW);
        assertThat(shared.withdrawn()).isTrue();
        assertThat(shared.consentWithdrawn()).isTrue();
        assertThat(shared.consentCovers("referral-feedback")).isFalse();
    }

    @Test
    void aCaseWithdrawnAtTheMunicipalityWithdrawsTheAssignment() {
        SharedObject shared = source.find(service.offer(CASE, REFERRAL, null).id()).orElseThrow();
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, "r-1", 2, "care-delivery", NOW,
                Fixtures.careDeliveryReferral("r-1", Fixtures.consent(ConsentStatus.GIVEN, "referral-feedback")), null, null));
        copies.withdraw(MUNICIPALITY, SharedObjectType.CASE, "case-1", Withdrawal.OBJECT_WITHDRAWN, NOW);

        assertThat(shared.withdrawn()).isTrue();
        assertThat(shared.consentWithdrawn()).isFalse();
    }

    @Test
    void aWithdrawnConsentInTheCopyCoversNothing() {
        SharedObject shared = source.find(service.offer(REFERRAL, REFERRAL, null).id()).orElseThrow();
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, "r-1", 2, "intake", NOW,
                Fixtures.referralView("r-1", Fixtures.PROVIDER, Fixtures.consent(ConsentStatus.WITHDRAWN, "referral-feedback")),
                null, null));

        assertThat(shared.consentCovers("referral-feedback")).isFalse();
    }

    private List<NewNotification> notified(int count) {
        ArgumentCaptor<NewNotification> captor = ArgumentCaptor.forClass(NewNotification.class);
        verify(outbox, times(count)).record(captor.capture());
        captor.getAllValues().forEach(n -> {
            assertThat(n.objectType()).isEqualTo(SharedObjectType.ASSIGNMENT);
            assertThat(n.change()).isEqualTo("status-changed");
        });
        return captor.getAllValues();
    }
}
