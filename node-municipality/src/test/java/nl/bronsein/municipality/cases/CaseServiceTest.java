package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import nl.bronsein.municipality.involvement.InvolvementRepository;
import nl.bronsein.municipality.involvement.InvolvementSource;
import nl.bronsein.municipality.question.QuestionRepository;
import nl.bronsein.municipality.question.QuestionSource;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The case lifecycle with its real transactions and outbox, on the municipality's migrations and pull policy: each
 * step commits its change with one notification per participant the policy addresses — the referring GP, and once
 * assigned the provider — or nothing commits; a refused step leaves no trace. The involvement's source is here because
 * the municipality's pull policy, which the node checks at start, names it.
 */
@NodeServiceSliceTest(classes = {CaseService.class, CaseRepository.class, CaseSource.class, QuestionSource.class,
        QuestionRepository.class, InvolvementRepository.class, InvolvementSource.class}, properties = {
        "spring.config.name=municipality-node", "bronsein.node.participant-id=" + SliceNetwork.MUNICIPALITY})
class CaseServiceTest {

    private static final String GP = SliceNetwork.GP;
    private static final String PROVIDER = SliceNetwork.PROVIDER;

    private final CaseService service;
    private final CaseRepository cases;
    private final ContactPointService contactPoints;
    private final OutboxRows outbox;
    private UUID wijkteam;

    @Autowired
    CaseServiceTest(CaseService service, CaseRepository cases, ContactPointService contactPoints, OutboxRows outbox) {
        this.service = service;
        this.cases = cases;
        this.contactPoints = contactPoints;
        this.outbox = outbox;
    }

    /** A case is picked up naming one of the municipality's own published contact points. */
    @BeforeEach
    void publishTheWijkteam() {
        wijkteam = contactPoints.publish(new ContactPointView("Wijkteam Zwolle-Zuid", "038-4984000", null),
                Instant.now().minusSeconds(60)).id();
    }

    @Test
    void aReceivedReferralOpensOneCaseWithOneNotificationToTheGp() {
        PulledCopy<ReferralIntakeView> referral = referral(UUID.randomUUID().toString(), 1);
        long mark = outbox.mark();

        Case opened = service.receive(referral);
        List<OutboxEntry> rows = outbox.since(mark);
        Case again = service.receive(referral);

        assertThat(again).isEqualTo(opened);
        assertThat(opened.status()).isEqualTo(CaseStatus.RECEIVED);
        assertThat(cases.find(opened.id())).contains(opened);
        assertThat(rows).singleElement().satisfies(row -> isAbout(row, opened, GP, "status-changed"));
        assertThat(outbox.since(mark)).hasSize(1);
    }

    @Test
    void aCorrectedReferralIsPassedOnToTheCasesFollowers() {
        String referralId = UUID.randomUUID().toString();
        UUID id = service.receive(referral(referralId, 1)).id();

        Case updated = stepWithNotifications(i -> service.receive(referral(referralId, 2)), id, "referral-updated", GP);

        assertThat(updated.status()).isEqualTo(CaseStatus.RECEIVED);
    }

    @Test
    void eachStepToConcludedCommitsWithItsNotifications() {
        UUID id = received();

        stepWithNotifications(i -> service.pickUp(i, wijkteam), id, "status-changed", GP);
        stepWithNotifications(i -> service.decide(i, DecisionOutcome.GRANTED, "begeleiding-individueel", null, null), id,
                "status-changed", GP);
        // from here the provider is involved too, and the policy addresses it for care delivery
        stepWithNotifications(i -> service.assign(i, PROVIDER), id, "status-changed", GP, PROVIDER);
        Case concluded = stepWithNotifications(i -> service.conclude(i, "zorg geleverd"), id, "status-changed", GP,
                PROVIDER);

        assertThat(concluded.status()).isEqualTo(CaseStatus.CONCLUDED);
        assertThat(concluded.version()).isEqualTo(5);
        assertThat(concluded.contactPointId()).isEqualTo(wijkteam);
        assertThat(concluded.assignedProvider()).isEqualTo(PROVIDER);
    }

    @Test
    void aCaseReturnedOrClosedBeforeADecisionCommitsWithOneNotification() {
        Case returned = stepWithNotifications(i -> service.returnTo(i, SliceNetwork.OTHER_MUNICIPALITY, "woont in Kampen"),
                received(), "status-changed", GP);
        Case closed = stepWithNotifications(i -> service.closeWithoutDecision(i, "geen contact"), received(),
                "status-changed", GP);

        assertThat(returned.status()).isEqualTo(CaseStatus.RETURNED);
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED_WITHOUT_DECISION);
    }

    @Test
    void aWithdrawnReferralIsPassedOnOnceAndBarsTheDecision() {
        String referralId = UUID.randomUUID().toString();
        UUID id = service.receive(referral(referralId, 1)).id();
        service.pickUp(id, wijkteam);

        stepWithNotifications(i -> {
            service.basisWithdrawn(GP, referralId, Withdrawal.OBJECT_WITHDRAWN);
            return cases.find(i).orElseThrow();
        }, id, "referral-withdrawn", GP);
        Case withdrawn = cases.find(id).orElseThrow();
        long mark = outbox.mark();
        service.basisWithdrawn(GP, referralId, Withdrawal.OBJECT_WITHDRAWN);
        assertThatThrownBy(() -> service.decide(id, DecisionOutcome.GRANTED, "begeleiding-individueel", null, null))
                .isInstanceOf(IllegalTransitionException.class);

        assertThat(cases.find(id)).contains(withdrawn);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void anIllegalStepChangesNothingAndNotifiesNothing() {
        UUID id = received();
        Case before = cases.find(id).orElseThrow();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.decide(id, DecisionOutcome.GRANTED, "begeleiding-individueel", null, null))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.assign(id, PROVIDER)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.conclude(id, "te vroeg")).isInstanceOf(IllegalTransitionException.class);

        assertThat(cases.find(id)).contains(before);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void anInvalidStepIsRefusedNamingTheFieldAndChangesNothing() {
        UUID id = received();
        Case before = cases.find(id).orElseThrow();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.pickUp(id, UUID.randomUUID())).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .containsExactly("contactPointId"));
        assertThatThrownBy(() -> service.returnTo(id, SliceNetwork.MUNICIPALITY, "eigen gemeente"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("municipality"));
        // a municipality is listed, but cannot be assigned care
        assertThatThrownBy(() -> service.assign(id, SliceNetwork.OTHER_MUNICIPALITY)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .containsExactly("provider"));

        assertThat(cases.find(id)).contains(before);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aStepWhoseNotificationCannotBeWrittenIsNotCommitted() {
        UUID id = received();
        Case before = cases.find(id).orElseThrow();

        outbox.refusingNewRows(() -> assertThatThrownBy(() -> service.pickUp(id, wijkteam))
                .isInstanceOf(DataIntegrityViolationException.class));

        assertThat(cases.find(id)).contains(before);
    }

    /** A freshly received case of a referral of its own. */
    private UUID received() {
        return service.receive(referral(UUID.randomUUID().toString(), 1)).id();
    }

    /**
     * Runs a step on the case; it must commit the next version and exactly one notification of it per participant
     * named, of the given kind.
     */
    private Case stepWithNotifications(Function<UUID, Case> step, UUID id, String kind, String... recipients) {
        int before = cases.find(id).orElseThrow().version();
        long mark = outbox.mark();

        Case changed = step.apply(id);

        assertThat(changed.version()).isEqualTo(before + 1);
        assertThat(cases.find(id)).contains(changed);
        List<OutboxEntry> rows = outbox.since(mark);
        assertThat(rows).extracting(OutboxEntry::recipient).containsExactlyInAnyOrder(recipients);
        rows.forEach(row -> isAbout(row, changed, row.recipient(), kind));
        return changed;
    }

    private void isAbout(OutboxEntry row, Case c, String recipient, String kind) {
        outbox.assertNotifies(row, recipient, SharedObjectType.CASE, kind, c.id(), c.version());
    }

    /** The GP's referral as this municipality pulled it for intake, with a consent that covers following it up. */
    private static PulledCopy<ReferralIntakeView> referral(String id, int version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReferralIntakeView view = new ReferralIntakeView(id, version, GP, ReferralStatus.RECORDED, now,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen", null, null, null),
                new ReferralIntakeView.ContactPerson("A. Jansen", "partner", "0612345678"),
                new ReferralIntakeView.Consent("c-" + id, now, "ORAL", null,
                        List.of("intake", "referral-feedback", "care-delivery"), ConsentStatus.GIVEN),
                "begeleiding", "eenzaam", "ROUTINE", null, SliceNetwork.MUNICIPALITY, null, null);
        return new PulledCopy<>(GP, SharedObjectType.REFERRAL, id, version, "intake", now, view, null, null);
    }
}
