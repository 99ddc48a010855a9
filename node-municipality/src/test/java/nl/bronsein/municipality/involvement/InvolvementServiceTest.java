package nl.bronsein.municipality.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.municipality.cases.CaseSource;
import nl.bronsein.municipality.question.QuestionRepository;
import nl.bronsein.municipality.question.QuestionSource;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.pull.PullDecision;
import nl.bronsein.runtime.pull.PullPolicy;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.InvolvementStatus;
import nl.bronsein.schemas.view.InvolvementView;

/**
 * The involvement's lifecycle with its real transactions and outbox, on the municipality's migrations and pull policy:
 * each step commits its change with exactly one notification, addressed to the practice named and nobody else — also
 * the consent's withdrawal, which the practice must hear of to stop — or nothing commits.
 */
@NodeServiceSliceTest(classes = {InvolvementService.class, InvolvementRepository.class, InvolvementSource.class,
        CaseRepository.class, CaseSource.class, QuestionRepository.class, QuestionSource.class}, properties = {
        "spring.config.name=municipality-node", "bronsein.node.participant-id=" + SliceNetwork.MUNICIPALITY})
class InvolvementServiceTest {

    private static final String GP = SliceNetwork.GP;

    private final InvolvementService service;
    private final InvolvementRepository involvements;
    private final InvolvementSource source;
    private final ContactPointService contactPoints;
    private final PullPolicy policy;
    private final ParticipantList participants;
    private final OutboxRows outbox;
    private UUID wijkteam;

    @Autowired
    InvolvementServiceTest(InvolvementService service, InvolvementRepository involvements, InvolvementSource source,
                           ContactPointService contactPoints, PullPolicy policy, ParticipantList participants,
                           OutboxRows outbox) {
        this.service = service;
        this.involvements = involvements;
        this.source = source;
        this.contactPoints = contactPoints;
        this.policy = policy;
        this.participants = participants;
        this.outbox = outbox;
    }

    @BeforeEach
    void publishTheWijkteam() {
        wijkteam = contactPoints.publish(new ContactPointView("Wijkteam Zwolle-Zuid", "038-4984000", null),
                Instant.now().minusSeconds(60)).id();
    }

    @Test
    void aStartedInvolvementIsStoredAndNotifiedToThePracticeAlone() {
        long mark = outbox.mark();

        Involvement started = service.start(details(GP), consentGivenAt(), "ORAL", List.of("care-coordination"));

        assertThat(started.status()).isEqualTo(InvolvementStatus.ACTIVE);
        assertThat(started.consent().status()).isEqualTo(ConsentStatus.GIVEN);
        assertThat(involvements.find(started.id())).contains(started);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> outbox.assertNotifies(row, GP,
                SharedObjectType.INVOLVEMENT, "started", started.id(), 1));
    }

    @Test
    void eachStepCommitsWithOneNotificationToThePractice() {
        UUID id = started();

        Involvement corrected = step(i -> service.correct(i, new Involvement.Details(details(GP).citizen(),
                LocalDate.of(2026, 10, 1), LocalDate.of(2027, 6, 30), wijkteam, GP)), id, "corrected");
        Involvement ended = step(service::end, id, "ended");
        Involvement withdrawn = step(service::withdrawConsent, id, "consent-withdrawn");

        assertThat(corrected.details().until()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(ended.status()).isEqualTo(InvolvementStatus.ENDED);
        assertThat(ended.endedAt()).isNotNull();
        assertThat(withdrawn.consent().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawn.version()).isEqualTo(4);
    }

    @Test
    void thePracticePullsItForCareCoordinationUntilTheConsentIsWithdrawnThenIsToldSo() {
        UUID id = started();
        var gp = participants.find(GP).orElseThrow();

        PullDecision allowed = policy.decide(gp, "involvement", source.find(id), "care-coordination");
        PullDecision otherPurpose = policy.decide(gp, "involvement", source.find(id), "referral-feedback");
        PullDecision provider = policy.decide(participants.find(SliceNetwork.PROVIDER).orElseThrow(), "involvement",
                source.find(id), "care-coordination");
        service.withdrawConsent(id);
        PullDecision afterWithdrawal = policy.decide(gp, "involvement", source.find(id), "care-coordination");

        assertThat(allowed).isInstanceOfSatisfying(PullDecision.Allowed.class,
                a -> assertThat(a.view()).isEqualTo("care-coordination"));
        assertThat(otherPurpose).isInstanceOfSatisfying(PullDecision.Refused.class,
                r -> assertThat(r.status().value()).isEqualTo(403));
        assertThat(provider).isInstanceOfSatisfying(PullDecision.Refused.class,
                r -> assertThat(r.status().value()).isEqualTo(404));
        assertThat(afterWithdrawal).isInstanceOfSatisfying(PullDecision.Refused.class,
                r -> assertThat(r.withdrawal()).isEqualTo(Withdrawal.CONSENT_WITHDRAWN));
    }

    @Test
    void theViewShowsWhatThePracticeNeedsWithTheContactPointAsPublished() {
        UUID id = started();

        InvolvementView view = (InvolvementView) source.find(id).orElseThrow()
                .view("care-coordination", participants.find(GP).orElseThrow());

        assertThat(view.objectId()).isEqualTo(id.toString());
        assertThat(view.owner()).isEqualTo(SliceNetwork.MUNICIPALITY);
        assertThat(view.gpPractice()).isEqualTo(GP);
        assertThat(view.citizen().bsn()).isEqualTo("999998882");
        assertThat(view.contactPoint().name()).isEqualTo("Wijkteam Zwolle-Zuid");
        assertThat(view.contactPointRef().objectId()).isEqualTo(wijkteam.toString());
        assertThat(view.consent().purposes()).containsExactly("care-coordination");
    }

    @Test
    void invalidInputIsRefusedNamingEachFieldAndWritesNothing() {
        long mark = outbox.mark();
        int before = involvements.findAll().size();
        Involvement.Details wrong = new Involvement.Details(details(GP).citizen(), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 10, 1), UUID.randomUUID(), SliceNetwork.PROVIDER);

        assertThatThrownBy(() -> service.start(wrong, consentGivenAt(), "ORAL", List.of("intake")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("contactPointId", "gpPractice", "until", "consent.purposes"));

        assertThat(involvements.findAll()).hasSize(before);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aCorrectionCannotNameAnotherPractice() {
        UUID id = started();
        Involvement before = involvements.find(id).orElseThrow();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.correct(id, details(SliceNetwork.OTHER_PROVIDER)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("gpPractice", "gpPractice"));

        assertThat(involvements.find(id)).contains(before);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void anIllegalStepChangesNothingAndNotifiesNothing() {
        UUID id = started();
        service.end(id);
        Involvement ended = involvements.find(id).orElseThrow();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.end(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.correct(id, details(GP))).isInstanceOf(IllegalTransitionException.class);

        assertThat(involvements.find(id)).contains(ended);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aStepWhoseNotificationCannotBeWrittenIsNotCommitted() {
        UUID id = started();
        Involvement before = involvements.find(id).orElseThrow();

        outbox.refusingNewRows(() -> assertThatThrownBy(() -> service.end(id))
                .isInstanceOf(DataIntegrityViolationException.class));

        assertThat(involvements.find(id)).contains(before);
    }

    @Test
    void anUnknownInvolvementIsNotFound() {
        assertThatThrownBy(() -> service.end(UUID.randomUUID()))
                .isInstanceOf(nl.bronsein.runtime.domain.NotFoundException.class);
        assertThat(source.find(UUID.randomUUID())).isEqualTo(Optional.empty());
    }

    private UUID started() {
        return service.start(details(GP), consentGivenAt(), "SIGNED", List.of("care-coordination")).id();
    }

    private Involvement.Details details(String practice) {
        return new Involvement.Details(new Involvement.Citizen("999998882", "A. Jansen", LocalDate.of(1950, 3, 1)),
                LocalDate.of(2026, 11, 1), null, wijkteam, practice);
    }

    private static Instant consentGivenAt() {
        return Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs a step; it must commit the next version and exactly one notification of it, to the practice. */
    private Involvement step(Function<UUID, Involvement> step, UUID id, String kind) {
        int before = involvements.find(id).orElseThrow().version();
        long mark = outbox.mark();

        Involvement changed = step.apply(id);

        assertThat(changed.version()).isEqualTo(before + 1);
        assertThat(involvements.find(id)).contains(changed);
        List<OutboxEntry> rows = outbox.since(mark);
        assertThat(rows).singleElement().satisfies(row -> outbox.assertNotifies(row, GP, SharedObjectType.INVOLVEMENT,
                kind, changed.id(), changed.version()));
        return changed;
    }
}
