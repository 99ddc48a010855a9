package nl.bronsein.provider.commission;

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
import nl.bronsein.provider.assignment.AssignmentStatus;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import tools.jackson.databind.json.JsonMapper;

/** How assignments arrive: what is pulled, what is kept, what is offered — and what is never pulled. */
class CommissionHandlersTest {

    private PullClient pull;
    private PulledCopies copies;
    private AssignmentRepository assignments;
    private CaseAssignmentHandler caseHandler;
    private DirectReferralHandler referralHandler;

    @BeforeEach
    void setUp() {
        JdbcClient jdbc = JdbcClient.create(Fixtures.database("commission-" + UUID.randomUUID()));
        pull = mock(PullClient.class);
        copies = new PulledCopies(jdbc, JsonMapper.builder().build());
        assignments = new AssignmentRepository(jdbc);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AssignmentService service = new AssignmentService(assignments, mock(Outbox.class), Fixtures.provider(), clock);
        OwnerAnswers owners = new OwnerAnswers(pull, copies, clock);
        caseHandler = new CaseAssignmentHandler(owners, copies, service, Fixtures.provider());
        referralHandler = new DirectReferralHandler(owners, copies, service, Fixtures.provider());
    }

    @Test
    void anAssignedCaseIsKeptAndOffered() {
        CaseCareDeliveryView view = Fixtures.caseView("case-1", "ASSIGNED", PROVIDER, Fixtures.consent("GIVEN", "care-delivery"));
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenReturn(view);

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
    }

    @Test
    void aCaseNotYetAssignedIsKeptButNotOffered() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenReturn(
                Fixtures.caseView("case-1", "DECIDED", PROVIDER, Fixtures.consent("GIVEN", "care-delivery")));

        caseHandler.prepare(n).apply();

        assertThat(copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1", CaseCareDeliveryView.class)).isPresent();
        assertThat(assignments.findAll()).isEmpty();
    }

    @Test
    void aCaseAssignedToAnotherProviderChangesNothing() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenReturn(
                Fixtures.caseView("case-1", "ASSIGNED", OTHER_PROVIDER, Fixtures.consent("GIVEN", "care-delivery")));

        assertThat(caseHandler.prepare(n)).isSameAs(InboxChange.NONE);
    }


    @Test
    void aPulledCaseOtherThanNotifiedIsRefused() {
        ReceivedNotification n = caseNotification("case-1", "status-changed");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenReturn(
                Fixtures.caseView("case-2", "ASSIGNED", PROVIDER, Fixtures.consent("GIVEN", "care-delivery")));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(PullRefusedException.class);
    }

    @Test
    void aWithdrawalIsRecordedAsTheOwnerAnswersItAndStopsLaterPulls() {
        ReceivedNotification n = caseNotification("case-1", "consent-withdrawn");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenThrow(new PullRefusedException(403, "refused",
                PulledCopy.Withdrawal.CONSENT_WITHDRAWN));

        caseHandler.prepare(n).apply();

        PulledCopy<CaseCareDeliveryView> held = copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1",
                CaseCareDeliveryView.class).orElseThrow();
        assertThat(held.withdrawal()).isEqualTo(PulledCopy.Withdrawal.CONSENT_WITHDRAWN);
        assertThat(held.withdrawnAt()).isEqualTo(NOW);
        // a status change notified before the withdrawal but handled after it
        assertThat(caseHandler.prepare(caseNotification("case-1", "status-changed")))
                .isSameAs(InboxChange.NONE);
        verify(pull, times(1)).pull(any(ReceivedNotification.class), any());
    }

    @Test
    void aClaimedWithdrawalOfACaseItsOwnerStillServesChangesNothing() {
        ReceivedNotification n = caseNotification("case-1", "referral-withdrawn");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenReturn(
                Fixtures.caseView("case-1", "ASSIGNED", PROVIDER, Fixtures.consent("GIVEN", "care-delivery")));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(PullRefusedException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
        assertThat(copies.find(MUNICIPALITY, SharedObjectType.CASE, "case-1", CaseCareDeliveryView.class)).isEmpty();
        assertThat(assignments.findAll()).isEmpty();
    }

    @Test
    void aRefusalThatStatesNoWithdrawalWithdrawsNothing() {
        ReceivedNotification n = caseNotification("case-1", "consent-withdrawn");
        when(pull.pull(n, CaseCareDeliveryView.class)).thenThrow(new PullRefusedException(404, "no such object"));

        assertThatThrownBy(() -> caseHandler.prepare(n)).isInstanceOf(PullRefusedException.class);
        assertThat(copies.isWithdrawn(MUNICIPALITY, SharedObjectType.CASE, "case-1")).isFalse();
    }

    @Test
    void aDirectReferralIsKeptAndOfferedWithoutProduct() {
        ReferralIntakeView view = Fixtures.referralView("r-9", PROVIDER, Fixtures.consent("GIVEN", "intake"));
        ReceivedNotification n = referralNotification("r-9", "recorded");
        when(pull.pull(n, ReferralIntakeView.class)).thenReturn(view);

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
        when(pull.pull(n, ReferralIntakeView.class)).thenReturn(
                Fixtures.referralView("r-9", MUNICIPALITY, Fixtures.consent("GIVEN", "intake")));

        assertThatThrownBy(() -> referralHandler.prepare(n)).isInstanceOf(PullRefusedException.class);
    }

    @Test
    void aWithdrawnReferralIsNotPulledAgainOnceTheGpSaidSo() {
        ReceivedNotification n = referralNotification("r-9", "withdrawn");
        when(pull.pull(n, ReferralIntakeView.class)).thenThrow(new PullRefusedException(403, "refused",
                PulledCopy.Withdrawal.OBJECT_WITHDRAWN));
        referralHandler.prepare(n).apply();

        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, "r-9")).isTrue();
        assertThat(referralHandler.prepare(referralNotification("r-9", "corrected")))
                .isSameAs(InboxChange.NONE);
        verify(pull, times(1)).pull(any(ReceivedNotification.class), any());
    }

    @Test
    void aClaimedWithdrawalOfAReferralTheGpStillServesChangesNothing() {
        ReceivedNotification n = referralNotification("r-9", "withdrawn");
        when(pull.pull(n, ReferralIntakeView.class)).thenReturn(
                Fixtures.referralView("r-9", PROVIDER, Fixtures.consent("GIVEN", "intake")));

        assertThatThrownBy(() -> referralHandler.prepare(n)).isInstanceOf(PullRefusedException.class)
                .hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, "r-9")).isFalse();
        assertThat(assignments.findAll()).isEmpty();
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
