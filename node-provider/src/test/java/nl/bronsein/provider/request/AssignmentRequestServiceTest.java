package nl.bronsein.provider.request;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentBasis;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.provider.assignment.AssignmentSource;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.AssignmentRequestVerificationView;
import nl.bronsein.schemas.view.AssignmentRequestView;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.DecisionView;
import nl.bronsein.schemas.view.LegalFramework;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The request for an assignment with its real transactions and outbox, on the provider's migrations and pull policy: a
 * request on a youth referral commits with one notification to the municipality asked (not to the GP, which only
 * verifies); a refused request writes nothing; the municipality's case grants or refuses it once; a client who came
 * of age in care is told once.
 */
@NodeServiceSliceTest(classes = {AssignmentRequestService.class, AssignmentRequestRepository.class,
        AssignmentRequestSource.class, ComingOfAge.class, AssignmentService.class, AssignmentRepository.class,
        AssignmentSource.class, AssignmentBasis.class}, properties = {"spring.config.name=provider-node",
        "bronsein.node.participant-id=" + SliceNetwork.PROVIDER})
class AssignmentRequestServiceTest {

    private static final String PRODUCT = "45A11";

    private final AssignmentRequestService service;
    private final AssignmentRequestRepository requests;
    private final AssignmentRequestSource source;
    private final ComingOfAge comingOfAge;
    private final AssignmentService assignments;
    private final PulledCopies copies;
    private final OutboxRows outbox;
    private final JdbcClient jdbc;

    /** Each test its own referral: the tests share one database. */
    private final ObjectReferenceView referral = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());

    @Autowired
    AssignmentRequestServiceTest(AssignmentRequestService service, AssignmentRequestRepository requests,
                                 AssignmentRequestSource source, ComingOfAge comingOfAge,
                                 AssignmentService assignments, PulledCopies copies, OutboxRows outbox, JdbcClient jdbc) {
        this.service = service;
        this.requests = requests;
        this.source = source;
        this.comingOfAge = comingOfAge;
        this.assignments = assignments;
        this.copies = copies;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Test
    void aRequestOnAYouthReferralIsNotifiedToTheMunicipalityAskedAndNotToTheGp() {
        Assignment assignment = directly(LegalFramework.JEUGDWET, LocalDate.now().minusYears(14));
        long mark = outbox.mark();

        AssignmentRequest requested = service.request(assignment.id(), MUNICIPALITY, PRODUCT);

        assertThat(requested.status()).isEqualTo(AssignmentRequestStatus.REQUESTED);
        assertThat(requests.find(requested.id())).contains(requested);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> outbox.assertNotifies(row, MUNICIPALITY,
                SharedObjectType.ASSIGNMENT_REQUEST, "requested", requested.id(), 1));
        SharedObject shared = source.find(requested.id()).orElseThrow();
        assertThat(shared.involved()).containsExactlyInAnyOrder(ParticipantId.of(MUNICIPALITY), ParticipantId.of(GP));
        // the GP learns only what its verification needs
        assertThat(shared.view("request-verification", Fixtures.participant(GP, ParticipantRole.GP_PRACTICE)))
                .isEqualTo(new AssignmentRequestVerificationView(requested.id().toString(), 1, SliceNetwork.PROVIDER,
                        referral, MUNICIPALITY));
        assertThat(((AssignmentRequestView) shared.view("youth-assignment",
                Fixtures.participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY))).productCategory()).isEqualTo(PRODUCT);
    }

    @Test
    void aRefusedRequestWritesNothingAndNotifiesNoOne() {
        Assignment wmo = directly(new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString()),
                LegalFramework.WMO, LocalDate.now().minusYears(14));
        Assignment youth = directly(LegalFramework.JEUGDWET, LocalDate.now().minusYears(14));
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());
        Assignment commissioned = assignments.offer(caseRef,
                new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString()), "begeleiding");
        long mark = outbox.mark();
        long rows = requestRows();

        assertThatThrownBy(() -> service.request(wmo.id(), MUNICIPALITY, PRODUCT))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("Jeugdwet");
        assertThatThrownBy(() -> service.request(commissioned.id(), MUNICIPALITY, PRODUCT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.request(youth.id(), GP, PRODUCT)).isInstanceOf(InvalidRequestException.class);
        copies.withdraw(GP, SharedObjectType.REFERRAL, referral.objectId(), Withdrawal.OBJECT_WITHDRAWN, NOW);
        assertThatThrownBy(() -> service.request(youth.id(), MUNICIPALITY, PRODUCT))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("withdrew");

        assertThat(requestRows()).isEqualTo(rows);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aSecondRequestForTheSameAssignmentIsRefused() {
        Assignment youth = directly(LegalFramework.JEUGDWET, LocalDate.now().minusYears(14));
        service.request(youth.id(), MUNICIPALITY, PRODUCT);
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.request(youth.id(), MUNICIPALITY, PRODUCT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void theMunicipalitysCaseGrantsTheRequestOnceAndACaseUnderWayAnswersNothing() {
        Assignment youth = directly(LegalFramework.JEUGDWET, LocalDate.now().minusYears(14));
        AssignmentRequest requested = service.request(youth.id(), MUNICIPALITY, PRODUCT);
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());

        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.PICKED_UP, null, null));
        assertThat(requests.find(requested.id())).contains(requested);

        long mark = outbox.mark();
        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.ASSIGNED, SliceNetwork.PROVIDER,
                DecisionOutcome.GRANTED));
        AssignmentRequest granted = requests.find(requested.id()).orElseThrow();
        assertThat(granted.status()).isEqualTo(AssignmentRequestStatus.GRANTED);
        assertThat(granted.answeredBy()).isEqualTo(caseRef);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> outbox.assertNotifies(row, MUNICIPALITY,
                SharedObjectType.ASSIGNMENT_REQUEST, "answered", requested.id(), 2));

        // the same answer again (a replay, a later version of the case) changes nothing
        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.CONCLUDED, SliceNetwork.PROVIDER,
                DecisionOutcome.GRANTED));
        assertThat(requests.find(requested.id())).contains(granted);
    }

    @Test
    void anUnansweredRequestIsCorrectedOrWithdrawnEachWithOneNotificationAndAnAnsweredOneIsNot() {
        AssignmentRequest requested = service.request(directly(LegalFramework.JEUGDWET,
                LocalDate.now().minusYears(14)).id(), MUNICIPALITY, PRODUCT);
        long mark = outbox.mark();

        AssignmentRequest corrected = service.correct(requested.id(), "45A12");
        AssignmentRequest withdrawn = service.withdraw(requested.id());

        assertThat(corrected.productCategory()).isEqualTo("45A12");
        assertThat(withdrawn.status()).isEqualTo(AssignmentRequestStatus.WITHDRAWN);
        assertThat(requests.find(requested.id())).contains(withdrawn);
        assertThat(outbox.since(mark)).satisfiesExactly(
                row -> outbox.assertNotifies(row, MUNICIPALITY, SharedObjectType.ASSIGNMENT_REQUEST, "corrected",
                        requested.id(), 2),
                row -> outbox.assertNotifies(row, MUNICIPALITY, SharedObjectType.ASSIGNMENT_REQUEST, "withdrawn",
                        requested.id(), 3));
        // withdrawn, it is shared no more: the municipality's pull is answered with the withdrawal
        assertThat(source.find(requested.id()).orElseThrow().withdrawn()).isTrue();

        long after = outbox.mark();
        assertThatThrownBy(() -> service.withdraw(requested.id())).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.correct(requested.id(), "45A13")).isInstanceOf(IllegalTransitionException.class);
        // a withdrawn request is answered by no case
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());
        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.ASSIGNED, SliceNetwork.PROVIDER,
                DecisionOutcome.GRANTED));
        assertThat(requests.find(requested.id())).contains(withdrawn);
        assertThat(outbox.since(after)).isEmpty();
    }

    @Test
    void aGrantedRequestCanNeitherBeCorrectedNorWithdrawn() {
        AssignmentRequest requested = service.request(directly(LegalFramework.JEUGDWET,
                LocalDate.now().minusYears(14)).id(), MUNICIPALITY, PRODUCT);
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());
        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.ASSIGNED, SliceNetwork.PROVIDER,
                DecisionOutcome.GRANTED));
        AssignmentRequest granted = requests.find(requested.id()).orElseThrow();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.withdraw(requested.id())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("GRANTED");
        assertThatThrownBy(() -> service.correct(requested.id(), "45A12")).isInstanceOf(IllegalTransitionException.class);

        assertThat(requests.find(requested.id())).contains(granted);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aCaseDecidedOtherwiseRefusesTheRequest() {
        Assignment youth = directly(LegalFramework.JEUGDWET, LocalDate.now().minusYears(14));
        AssignmentRequest requested = service.request(youth.id(), MUNICIPALITY, PRODUCT);
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());

        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.DECIDED, null, DecisionOutcome.DECLINED));

        assertThat(requests.find(requested.id()).orElseThrow().status()).isEqualTo(AssignmentRequestStatus.REFUSED);
    }

    @Test
    void aClientWhoTurns18InCareIsToldOnceAndAMinorIsNot() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        Assignment adult = directly(LegalFramework.JEUGDWET, today.minusYears(18));
        AssignmentRequest granted = grantedAndStarted(adult);
        ObjectReferenceView minorReferral = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());
        Assignment minor = directly(minorReferral, LegalFramework.JEUGDWET, today.minusYears(18).plusDays(1));
        AssignmentRequest minorGranted = grantedAndStarted(minor);
        long mark = outbox.mark();

        comingOfAge.check();
        comingOfAge.check();

        assertThat(requests.find(granted.id()).orElseThrow().adultOn()).isEqualTo(today);
        assertThat(requests.find(minorGranted.id()).orElseThrow().adultOn()).isNull();
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> outbox.assertNotifies(row, MUNICIPALITY,
                SharedObjectType.ASSIGNMENT_REQUEST, "came-of-age", granted.id(), 3));
    }

    private AssignmentRequest grantedAndStarted(Assignment assignment) {
        AssignmentRequest requested = service.request(assignment.id(), MUNICIPALITY, PRODUCT);
        ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString());
        service.answeredBy(caseRef, caseView(caseRef, requested, CaseStatus.ASSIGNED, SliceNetwork.PROVIDER,
                DecisionOutcome.GRANTED));
        assignments.accept(assignment.id());
        assignments.startCare(assignment.id());
        return requested;
    }

    private Assignment directly(LegalFramework law, LocalDate birthDate) {
        return directly(referral, law, birthDate);
    }

    /** A GP's referral straight to us, as we pulled it for intake, and the assignment it is offered as. */
    private Assignment directly(ObjectReferenceView to, LegalFramework law, LocalDate birthDate) {
        ReferralIntakeView view = new ReferralIntakeView(to.objectId(), 2, GP, ReferralStatus.RECORDED, NOW,
                new ReferralIntakeView.Citizen("999990019", "S. Hendriks", birthDate, null, null), null,
                Fixtures.consent(ConsentStatus.GIVEN, "intake", "referral-feedback"), "jeugdhulp", null, "REGULAR",
                null, SliceNetwork.PROVIDER, law, null);
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, to.objectId(), 2, "intake", NOW, view, null, null));
        return assignments.offer(to, to, null);
    }

    private static CaseCareDeliveryView caseView(ObjectReferenceView caseRef, AssignmentRequest request,
                                                 CaseStatus status, String assignedProvider, DecisionOutcome outcome) {
        return new CaseCareDeliveryView(caseRef.objectId(), 3, MUNICIPALITY, status, request.referral(),
                assignedProvider, assignedProvider == null ? null : NOW,
                outcome == null ? null : new DecisionView(outcome, PRODUCT, null, null, NOW), null, null,
                new ObjectReferenceView(SliceNetwork.PROVIDER, "assignment-request", request.id().toString()));
    }

    private long requestRows() {
        return jdbc.sql("select count(*) from assignment_request").query(Long.class).single();
    }
}
