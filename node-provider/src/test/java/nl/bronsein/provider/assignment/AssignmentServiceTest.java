package nl.bronsein.provider.assignment;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static nl.bronsein.provider.Fixtures.OTHER_PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.provider.request.AssignmentRequestRepository;
import nl.bronsein.provider.request.AssignmentRequestSource;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;

/**
 * The assignment lifecycle with its real transactions and outbox, on the provider's migrations and pull policy: a step
 * commits its change and its notification together, to whom the policy addresses, or neither. And the pull-side rules
 * the same objects are shared under.
 */
@NodeServiceSliceTest(classes = {AssignmentService.class, AssignmentRepository.class, AssignmentSource.class,
        AssignmentBasis.class, AssignmentRequestSource.class, AssignmentRequestRepository.class}, properties = {"spring.config.name=provider-node",
        "bronsein.node.participant-id=" + SliceNetwork.PROVIDER})
class AssignmentServiceTest {

    private final AssignmentService service;
    private final AssignmentRepository repository;
    private final AssignmentSource source;
    private final PulledCopies copies;
    private final OutboxRows outbox;

    /** Each test its own case and referral: the tests share one database, and an offer is opened once per basis. */
    private final ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());
    private final ObjectReferenceView referralRef = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());

    @Autowired
    AssignmentServiceTest(AssignmentService service, AssignmentRepository repository, AssignmentSource source,
                          PulledCopies copies, OutboxRows outbox) {
        this.service = service;
        this.repository = repository;
        this.source = source;
        this.copies = copies;
        this.outbox = outbox;
    }

    @Test
    void anOfferIsOpenedOncePerBasisWithOneNotificationToTheMunicipality() {
        long mark = outbox.mark();
        Assignment first = service.offer(caseRef, referralRef, "begeleiding-individueel");
        List<OutboxEntry> offered = outbox.since(mark);
        Assignment again = service.offer(caseRef, referralRef, "something else");

        assertThat(again).isEqualTo(first);
        assertThat(repository.find(first.id())).contains(first);
        assertThat(first.status()).isEqualTo(AssignmentStatus.OFFERED);
        // the GP is involved too, but hears of nothing its patient's consent (not pulled yet) does not cover
        assertThat(offered).singleElement().satisfies(row -> isAbout(row, first, MUNICIPALITY));
        assertThat(outbox.since(mark)).hasSize(1);
    }

    @Test
    void eachStepToCareEndedCommitsItsChangeWithOneNotification() {
        UUID id = service.offer(caseRef, referralRef, "begeleiding-individueel").id();

        Assignment accepted = stepWithOneNotification(service::accept, id, AssignmentStatus.ACCEPTED);
        Assignment started = stepWithOneNotification(service::startCare, id, AssignmentStatus.CARE_STARTED);
        Assignment ended = stepWithOneNotification(i -> service.endCare(i, "goals reached"), id, AssignmentStatus.CARE_ENDED);

        assertThat(ended.version()).isEqualTo(4);
        assertThat(ended.acceptedAt()).isEqualTo(accepted.acceptedAt()).isNotNull();
        assertThat(ended.careStartedAt()).isEqualTo(started.careStartedAt()).isNotNull();
        assertThat(ended.careEndedAt()).isNotNull();
    }

    @Test
    void aDeclineCommitsWithOneNotification() {
        UUID id = service.offer(caseRef, referralRef, null).id();

        Assignment declined = stepWithOneNotification(i -> service.decline(i, "no capacity"), id, AssignmentStatus.DECLINED);

        assertThat(declined.declineReason()).isEqualTo("no capacity");
    }

    @Test
    void anIllegalStepChangesNothingAndNotifiesNothing() {
        UUID id = service.offer(caseRef, referralRef, null).id();
        Assignment declined = service.decline(id, "no capacity");
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.accept(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.startCare(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.endCare(id, "never started")).isInstanceOf(IllegalTransitionException.class);

        assertThat(repository.find(id)).contains(declined);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aStepWhoseNotificationCannotBeWrittenIsNotCommitted() {
        Assignment offered = service.offer(caseRef, referralRef, null);
        long mark = outbox.mark();

        outbox.refusingNewRows(() -> assertThatThrownBy(() -> service.accept(offered.id()))
                .isInstanceOf(DataIntegrityViolationException.class));

        assertThat(repository.find(offered.id())).contains(offered);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aStepIsAlsoNotifiedToTheGpOnceTheConsentAsPulledCoversFeedback() {
        keepReferral(Fixtures.careDeliveryReferral(referralRef.objectId(), Fixtures.consent(ConsentStatus.GIVEN, "referral-feedback")));
        long mark = outbox.mark();

        Assignment offered = service.offer(caseRef, referralRef, null);

        assertThat(outbox.since(mark)).satisfiesExactlyInAnyOrder(
                row -> isAbout(row, offered, MUNICIPALITY),
                row -> isAbout(row, offered, GP));
    }

    @Test
    void aDirectReferralIsNotifiedToTheGpOnly() {
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, referralRef.objectId(), 2, "intake", NOW,
                Fixtures.referralView(referralRef.objectId(), Fixtures.PROVIDER,
                        Fixtures.consent(ConsentStatus.GIVEN, "intake", "referral-feedback")), null, null));
        long mark = outbox.mark();

        Assignment offered = service.offer(referralRef, referralRef, null);

        assertThat(source.find(offered.id()).orElseThrow().involved()).containsExactly(ParticipantId.of(GP));
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, offered, GP));
    }

    @Test
    void theCommissioningMunicipalityAndTheReferrerAreInvolvedNobodyElse() {
        SharedObject caseBased = source.find(service.offer(caseRef, referralRef, null).id()).orElseThrow();
        ObjectReferenceView direct = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());
        SharedObject directly = source.find(service.offer(direct, direct, null).id()).orElseThrow();

        assertThat(caseBased.involved())
                .containsExactlyInAnyOrder(ParticipantId.of(MUNICIPALITY), ParticipantId.of(GP));
        assertThat(caseBased.involves(ParticipantId.of(OTHER_PROVIDER))).isFalse();
        assertThat(directly.involves(ParticipantId.of(GP))).isTrue();
        assertThat(directly.involves(ParticipantId.of(MUNICIPALITY))).isFalse();
    }

    @Test
    void theGpDoesNotSeeTheDeclineReason() {
        UUID id = service.offer(caseRef, referralRef, "begeleiding-individueel").id();
        service.decline(id, "no capacity");
        SharedObject shared = source.find(id).orElseThrow();

        AssignmentView followUp = (AssignmentView) shared.view("assignment-follow-up",
                Fixtures.participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY));
        AssignmentView feedback = (AssignmentView) shared.view("referral-feedback",
                Fixtures.participant(GP, ParticipantRole.GP_PRACTICE));

        assertThat(followUp.declineReason()).isEqualTo("no capacity");
        assertThat(followUp.owner()).isEqualTo(Fixtures.PROVIDER);
        assertThat(followUp.basis()).isEqualTo(caseRef);
        assertThat(feedback.declineReason()).isNull();
        assertThat(feedback.status()).isEqualTo(AssignmentStatus.DECLINED);
    }

    @Test
    void consentComesFromTheReferralAsPulledFromTheGpAndAWithdrawalOfEitherCopyCounts() {
        SharedObject shared = source.find(service.offer(caseRef, referralRef, null).id()).orElseThrow();
        assertThat(shared.consentCovers("referral-feedback")).isFalse();

        copies.keep(new PulledCopy<>(MUNICIPALITY, SharedObjectType.CASE, caseRef.objectId(), 3, "care-delivery", NOW,
                Fixtures.caseView(caseRef.objectId(), CaseStatus.ASSIGNED, Fixtures.PROVIDER), null, null));
        // the case carries no consent: the municipality does not hand on what it pulled from the GP
        assertThat(shared.consentCovers("referral-feedback")).isFalse();
        keepReferral(Fixtures.careDeliveryReferral(referralRef.objectId(),
                Fixtures.consent(ConsentStatus.GIVEN, "care-delivery", "referral-feedback")));
        assertThat(shared.consentCovers("referral-feedback")).isTrue();
        assertThat(shared.consentCovers("research")).isFalse();
        assertThat(shared.withdrawn()).isFalse();

        copies.withdraw(GP, SharedObjectType.REFERRAL, referralRef.objectId(), Withdrawal.CONSENT_WITHDRAWN, NOW);
        assertThat(shared.withdrawn()).isTrue();
        assertThat(shared.consentWithdrawn()).isTrue();
        assertThat(shared.consentCovers("referral-feedback")).isFalse();
    }

    @Test
    void aCaseWithdrawnAtTheMunicipalityWithdrawsTheAssignment() {
        SharedObject shared = source.find(service.offer(caseRef, referralRef, null).id()).orElseThrow();
        keepReferral(Fixtures.careDeliveryReferral(referralRef.objectId(), Fixtures.consent(ConsentStatus.GIVEN, "referral-feedback")));
        copies.withdraw(MUNICIPALITY, SharedObjectType.CASE, caseRef.objectId(), Withdrawal.OBJECT_WITHDRAWN, NOW);

        assertThat(shared.withdrawn()).isTrue();
        assertThat(shared.consentWithdrawn()).isFalse();
    }

    @Test
    void aWithdrawnConsentInTheCopyCoversNothing() {
        SharedObject shared = source.find(service.offer(referralRef, referralRef, null).id()).orElseThrow();
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, referralRef.objectId(), 2, "intake", NOW,
                Fixtures.referralView(referralRef.objectId(), Fixtures.PROVIDER,
                        Fixtures.consent(ConsentStatus.WITHDRAWN, "referral-feedback")), null, null));

        assertThat(shared.consentCovers("referral-feedback")).isFalse();
    }

    /** Runs a step on the assignment; it must commit the new status and exactly one notification of that version. */
    private Assignment stepWithOneNotification(Function<UUID, Assignment> step, UUID id, AssignmentStatus expected) {
        int before = repository.find(id).orElseThrow().version();
        long mark = outbox.mark();

        Assignment changed = step.apply(id);

        assertThat(changed.status()).isEqualTo(expected);
        assertThat(changed.version()).isEqualTo(before + 1);
        assertThat(repository.find(id)).contains(changed);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, changed, MUNICIPALITY));
        return changed;
    }

    private void keepReferral(ReferralCareDeliveryView careDeliveryView) {
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, referralRef.objectId(), 2, "care-delivery", NOW,
                careDeliveryView, null, null));
    }

    private void isAbout(OutboxEntry row, Assignment assignment, String recipient) {
        outbox.assertNotifies(row, recipient, SharedObjectType.ASSIGNMENT, "status-changed", assignment.id(),
                assignment.version());
    }
}
