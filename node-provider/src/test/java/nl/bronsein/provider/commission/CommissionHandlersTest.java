package nl.bronsein.provider.commission;

import nl.bronsein.runtime.pull.Withdrawal;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static nl.bronsein.provider.Fixtures.OTHER_PROVIDER;
import static nl.bronsein.provider.Fixtures.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.provider.request.AssignmentRequestService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;
import tools.jackson.databind.json.JsonMapper;

/** How assignments arrive: what is pulled, what is kept, what is offered — and what is never pulled. */
class CommissionHandlersTest {

    private PullClient pull;
    private PulledCopies copies;
    private AssignmentRepository assignments;
    private CaseAssignmentHandler caseHandler;
    private ReferralHandler referralHandler;

    @BeforeEach
    void setUp() {
        JdbcClient jdbc = JdbcClient.create(Fixtures.database("commission-" + UUID.randomUUID()));
        pull = mock(PullClient.class);
        copies = new PulledCopies(jdbc, JsonMapper.builder().build());
        assignments = new AssignmentRepository(jdbc);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AssignmentService service = new AssignmentService(assignments, mock(Outbox.class), Fixtures.provider(), clock);
        OwnerAnswers owners = new OwnerAnswers(pull, copies, clock);
        ParticipantList participants = new ParticipantList(List.of(Fixtures.participant(PROVIDER, ParticipantRole.PROVIDER),
                Fixtures.participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY),
                Fixtures.participant(GP, ParticipantRole.GP_PRACTICE)));
        caseHandler = new CaseAssignmentHandler(owners, pull, copies, service,
                mock(AssignmentRequestService.class), participants, Fixtures.provider(), clock);
        referralHandler = new ReferralHandler(owners, copies, service, assignments, participants, Fixtures.provider());
    }

    @Test
    void anAssignedCaseIsKeptAndOffered() {
        CaseCareDeliveryView view = Fixtures.caseView("case-1", CaseStatus.ASSIGNED, PROVIDER);
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(view);
        ReferralCareDeliveryView referral = Fixtures.careDeliveryReferral("r-1", Fixtures.consent(ConsentStatus.GIVEN, "care-delivery"));
        whenReferralPulledForCareDelivery().thenReturn(referral);

        caseHandler.prepare(n).apply();
        caseHandler.prepare(n).apply();

        PulledCopy<CaseCareDeliveryView> kept = copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1",
                CaseCareDeliveryView.class).orElseThrow();
        assertThat(kept.version()).isEqualTo(3);
        assertThat(kept.purpose()).isEqualTo("care-delivery");
        assertThat(kept.content()).isEqualTo(view);
        List<Assignment> all = assignments.findAll();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).status()).isEqualTo(AssignmentStatus.OFFERED);
        assertThat(all.get(0).basis()).isEqualTo(new ObjectReferenceView(MUNICIPALITY, "case", "case-1"));
        assertThat(all.get(0).referral()).isEqualTo(new ObjectReferenceView(GP, "referral", "r-1"));
        assertThat(all.get(0).productCategory()).isEqualTo("begeleiding-individueel");
        // the citizen's data came from the GP, for care delivery, presenting the case: not from the municipality
        PulledCopy<ReferralCareDeliveryView> fromGp = copies.find(GP, SharedObjectType.REFERRAL, "r-1",
                ReferralCareDeliveryView.class).orElseThrow();
        assertThat(fromGp.purpose()).isEqualTo("care-delivery");
        assertThat(fromGp.content()).isEqualTo(referral);
        // once: a case notified again does not make us ask the GP again; the GP notifies us of the referral's changes
        verify(pull, times(1)).pull(Fixtures.participant(GP, ParticipantRole.GP_PRACTICE), "referral", "r-1",
                "care-delivery", CASE_1, ReferralCareDeliveryView.class);
    }

    @Test
    void anAssignedCaseTheGpDoesNotAdmitUsToIsParkedWithTheReasonAndOffersNothing() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(Fixtures.caseView("case-1", CaseStatus.ASSIGNED, PROVIDER));
        whenReferralPulledForCareDelivery().thenThrow(new PullRefusedException(404, "refused with 404"));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(PullRefusedException.class)
                .hasMessageContaining("the GP did not give us the referral");
        assertThat(assignments.findAll()).isEmpty();
        assertThat(copies.find(GP, SharedObjectType.REFERRAL, "r-1", ReferralCareDeliveryView.class)).isEmpty();
    }

    @Test
    void anAssignedCaseWhoseReferralTheGpWithdrewIsKeptButNotOffered() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(Fixtures.caseView("case-1", CaseStatus.ASSIGNED, PROVIDER));
        whenReferralPulledForCareDelivery().thenThrow(new PullRefusedException(403, "refused",
                Withdrawal.CONSENT_WITHDRAWN));

        caseHandler.prepare(n).apply();

        assertThat(assignments.findAll()).isEmpty();
        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, "r-1")).isTrue();
        assertThat(copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1", CaseCareDeliveryView.class)).isPresent();
    }

    @Test
    void aCorrectionOfTheReferralOfAnAssignedCaseIsPulledAgainFromTheGpForCareDelivery() {
        ReceivedNotification assigned = caseNotification("case-1", "status-changed");
        whenPulled(assigned, CaseCareDeliveryView.class).thenReturn(Fixtures.caseView("case-1", CaseStatus.ASSIGNED, PROVIDER));
        whenReferralPulledForCareDelivery().thenReturn(Fixtures.careDeliveryReferral("r-1",
                Fixtures.consent(ConsentStatus.GIVEN, "care-delivery")));
        caseHandler.prepare(assigned).apply();

        ReferralCareDeliveryView corrected = new ReferralCareDeliveryView("r-1", 3, GP, ReferralStatus.CORRECTED, NOW,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen-de Vries", null, null, null), null,
                Fixtures.consent(ConsentStatus.GIVEN, "care-delivery"), "support", null, "URGENT", null);
        whenReferralPulledForCareDelivery().thenReturn(corrected);
        // the correction is the referral's next version: the one held (2) answers nothing about it
        referralHandler.prepare(received(SharedObjectType.REFERRAL, "r-1", 3, "corrected",
                Fixtures.participant(GP, ParticipantRole.GP_PRACTICE), "intake")).apply();

        assertThat(copies.find(GP, SharedObjectType.REFERRAL, "r-1", ReferralCareDeliveryView.class).orElseThrow()
                .content()).isEqualTo(corrected);
        // never asked for intake: we are not the referral's addressee
        verify(pull, never()).pull(any(), any(), any(), org.mockito.ArgumentMatchers.eq("intake"), any(), any());
        assertThat(assignments.findAll()).hasSize(1);
    }

    @Test
    void aCaseNotYetAssignedIsKeptButNotOffered() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(
                Fixtures.caseView("case-1", CaseStatus.DECIDED, PROVIDER));

        caseHandler.prepare(n).apply();

        assertThat(copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1", CaseCareDeliveryView.class)).isPresent();
        assertThat(assignments.findAll()).isEmpty();
    }

    @Test
    void aCaseAssignedToAnotherProviderChangesNothing() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(
                Fixtures.caseView("case-1", CaseStatus.ASSIGNED, OTHER_PROVIDER));

        assertThat(caseHandler.prepare(n)).isSameAs(InboxChange.NONE);
    }


    @Test
    void aPulledCaseOtherThanNotifiedIsRefused() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(
                Fixtures.caseView("case-2", CaseStatus.ASSIGNED, PROVIDER));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
    }

    @Test
    void aWithdrawalIsRecordedAsTheOwnerAnswersItAndStopsLaterPulls() {
        ReceivedNotification n = caseNotification("case-1", "consent-withdrawn");
        whenPulled(n, CaseCareDeliveryView.class).thenThrow(new PullRefusedException(403, "refused",
                Withdrawal.CONSENT_WITHDRAWN));

        caseHandler.prepare(n).apply();

        PulledCopy<CaseCareDeliveryView> held = copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1",
                CaseCareDeliveryView.class).orElseThrow();
        assertThat(held.withdrawal()).isEqualTo(Withdrawal.CONSENT_WITHDRAWN);
        assertThat(held.withdrawnAt()).isEqualTo(NOW);
        // a status change notified before the withdrawal but handled after it
        assertThat(caseHandler.prepare(caseNotification("case-1", "status-changed")))
                .isSameAs(InboxChange.NONE);
        verify(pull, times(1)).pull(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aClaimedWithdrawalOfACaseItsOwnerStillServesChangesNothing() {
        ReceivedNotification n = caseNotification("case-1", "referral-withdrawn");
        whenPulled(n, CaseCareDeliveryView.class).thenReturn(
                Fixtures.caseView("case-1", CaseStatus.ASSIGNED, PROVIDER));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
        assertThat(copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1", CaseCareDeliveryView.class)).isEmpty();
        assertThat(assignments.findAll()).isEmpty();
    }

    @Test
    void aRefusalThatStatesNoWithdrawalWithdrawsNothing() {
        ReceivedNotification n = caseNotification("case-1", "consent-withdrawn");
        whenPulled(n, CaseCareDeliveryView.class).thenThrow(new PullRefusedException(404, "no such object"));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(PullRefusedException.class);
        assertThat(copies.isWithdrawn(MUNICIPALITY, SharedObjectType.CASE, "case-1")).isFalse();
    }

    @Test
    void aDirectReferralIsKeptAndOfferedWithoutProduct() {
        ReferralIntakeView view = Fixtures.referralView("r-9", PROVIDER, Fixtures.consent(ConsentStatus.GIVEN, "intake"));
        ReceivedNotification n = referralNotification("r-9", "recorded");
        whenPulled(n, ReferralIntakeView.class).thenReturn(view);

        referralHandler.prepare(n).apply();

        ObjectReferenceView ref = new ObjectReferenceView(GP, "referral", "r-9");
        assertThat(copies.find(GP, SharedObjectType.REFERRAL, "r-9", ReferralIntakeView.class).orElseThrow().content())
                .isEqualTo(view);
        Assignment offered = assignments.findByBasis(GP, "referral", "r-9").orElseThrow();
        assertThat(offered.basis()).isEqualTo(ref);
        assertThat(offered.referral()).isEqualTo(ref);
        assertThat(offered.productCategory()).isNull();
    }

    @Test
    void aReferralAddressedElsewhereIsRefused() {
        ReceivedNotification n = referralNotification("r-9", "recorded");
        whenPulled(n, ReferralIntakeView.class).thenReturn(
                Fixtures.referralView("r-9", MUNICIPALITY, Fixtures.consent(ConsentStatus.GIVEN, "intake")));

        assertThatThrownBy(() -> referralHandler.prepare(n)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.NOT_FOR_US);
    }

    @Test
    void aWithdrawnReferralIsNotPulledAgainOnceTheGpSaidSo() {
        ReceivedNotification n = referralNotification("r-9", "withdrawn");
        whenPulled(n, ReferralIntakeView.class).thenThrow(new PullRefusedException(403, "refused",
                Withdrawal.OBJECT_WITHDRAWN));
        referralHandler.prepare(n).apply();

        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, "r-9")).isTrue();
        assertThat(referralHandler.prepare(referralNotification("r-9", "corrected")))
                .isSameAs(InboxChange.NONE);
        verify(pull, times(1)).pull(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aClaimedWithdrawalOfAReferralTheGpStillServesChangesNothing() {
        ReceivedNotification n = referralNotification("r-9", "withdrawn");
        whenPulled(n, ReferralIntakeView.class).thenReturn(
                Fixtures.referralView("r-9", PROVIDER, Fixtures.consent(ConsentStatus.GIVEN, "intake")));

        assertThatThrownBy(() -> referralHandler.prepare(n)).isInstanceOf(UnusableNotificationException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, "r-9")).isFalse();
        assertThat(assignments.findAll()).isEmpty();
    }

    private static final URI CASE_1 = URI.create("https://node.example:8443/network/v1/objects/case/case-1");

    /** The pull the owner answers for a notification: the notified object, for the subscription's purpose, no basis. */
    private <T> org.mockito.stubbing.OngoingStubbing<T> whenPulled(ReceivedNotification n, Class<T> view) {
        return when(pull.pull(n.source(), n.objectType().code(), n.notification().subject(), n.purpose(), null, view));
    }

    private org.mockito.stubbing.OngoingStubbing<ReferralCareDeliveryView> whenReferralPulledForCareDelivery() {
        return when(pull.pull(Fixtures.participant(GP, ParticipantRole.GP_PRACTICE), "referral", "r-1", "care-delivery",
                CASE_1, ReferralCareDeliveryView.class));
    }

    private static ReceivedNotification caseNotification(String caseId, String change) {
        return received(SharedObjectType.CASE, caseId, 3, change,
                Fixtures.participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY), "care-delivery");
    }

    private static ReceivedNotification referralNotification(String referralId, String change) {
        return received(SharedObjectType.REFERRAL, referralId, 2, change,
                Fixtures.participant(GP, ParticipantRole.GP_PRACTICE), "intake");
    }

    /** As it arrives on this provider's inbox: the kind of change in the type, the body facts only. */
    private static ReceivedNotification received(SharedObjectType type, String subject, int version, String change,
                                                 Participant source, String purpose) {
        ObjectChanged body = new ObjectChanged(type.code(), subject, version, source.id().urn(), NOW);
        Notification notification = new Notification("event-" + subject, source.id().urn(), type.eventType(change),
                subject, NOW, URI.create("https://node.example:8443/network/v1/" + type.code() + "/" + subject), 1L,
                new byte[0], NotificationTopics.inbox("PROVIDER", PROVIDER), 0, 0L);
        return new ReceivedNotification(notification, type, body, source, purpose);
    }
}
