package nl.bronsein.gp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What every status and outcome of the contract means in the timeline, as the practice reads it. The tables name every
 * constant: one added to the contract fails here until the practice's meaning of it is written down; one of a newer
 * release than this node (read as null) stands for no step.
 */
class MilestoneTest {

    private static final Map<CaseStatus, Set<Milestone>> CASE = Map.of(
            CaseStatus.RECEIVED, Set.of(Milestone.ARRIVED),
            CaseStatus.PICKED_UP, Set.of(Milestone.PICKED_UP),
            // the outcome is in the decision, not in the status: a decided case names all three
            CaseStatus.DECIDED, Set.of(Milestone.INDICATION_GRANTED, Milestone.INDICATION_DECLINED, Milestone.REDIRECTED),
            CaseStatus.ASSIGNED, Set.of(Milestone.PROVIDER_ASSIGNED),
            CaseStatus.CONCLUDED, Set.of(Milestone.CONCLUDED),
            CaseStatus.RETURNED, Set.of(Milestone.RETURNED),
            CaseStatus.CLOSED_WITHOUT_DECISION, Set.of(Milestone.CLOSED_WITHOUT_DECISION));

    private static final Map<AssignmentStatus, Set<Milestone>> CASE_ASSIGNMENT = Map.of(
            AssignmentStatus.OFFERED, Set.of(),
            AssignmentStatus.ACCEPTED, Set.of(Milestone.ACCEPTED_BY_PROVIDER),
            AssignmentStatus.DECLINED, Set.of(Milestone.DECLINED_BY_PROVIDER),
            AssignmentStatus.CARE_STARTED, Set.of(Milestone.CARE_STARTED),
            AssignmentStatus.CARE_ENDED, Set.of(Milestone.CARE_ENDED));

    /** Referred directly, the provider's offer is the referral's arrival and its acceptance the pick-up. */
    private static final Map<AssignmentStatus, Set<Milestone>> DIRECT_ASSIGNMENT = Map.of(
            AssignmentStatus.OFFERED, Set.of(Milestone.ARRIVED),
            AssignmentStatus.ACCEPTED, Set.of(Milestone.PICKED_UP),
            AssignmentStatus.DECLINED, Set.of(Milestone.DECLINED_BY_PROVIDER),
            AssignmentStatus.CARE_STARTED, Set.of(Milestone.CARE_STARTED),
            AssignmentStatus.CARE_ENDED, Set.of(Milestone.CARE_ENDED));

    private static final Map<DecisionOutcome, Milestone> DECISION = Map.of(
            DecisionOutcome.GRANTED, Milestone.INDICATION_GRANTED,
            DecisionOutcome.DECLINED, Milestone.INDICATION_DECLINED,
            DecisionOutcome.REDIRECTED, Milestone.REDIRECTED);

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void everyCaseStatusMeansItsSteps(CaseStatus status) {
        assertThat(CASE).as("the practice's meaning of case status %s", status).containsKey(status);
        assertThat(Milestone.ofCase(status)).isEqualTo(CASE.get(status));
    }

    @ParameterizedTest
    @EnumSource(AssignmentStatus.class)
    void everyAssignmentStatusMeansItsStep(AssignmentStatus status) {
        assertThat(CASE_ASSIGNMENT).as("the practice's meaning of assignment status %s", status).containsKey(status);
        assertThat(Milestone.ofAssignment(assignment(status, "case"))).isEqualTo(CASE_ASSIGNMENT.get(status));
        assertThat(Milestone.ofAssignment(assignment(status, "referral"))).isEqualTo(DIRECT_ASSIGNMENT.get(status));
    }

    @ParameterizedTest
    @EnumSource(DecisionOutcome.class)
    void everyDecisionOutcomeIsItsMilestone(DecisionOutcome outcome) {
        assertThat(DECISION).as("the practice's meaning of decision outcome %s", outcome).containsKey(outcome);
        assertThat(Milestone.ofDecision(outcome)).contains(DECISION.get(outcome));
    }

    @Test
    void aStatusOrOutcomeOfANewerReleaseStandsForNoStep() {
        assertThat(Milestone.ofCase(null)).isEmpty();
        assertThat(Milestone.ofAssignment(assignment(null, "case"))).isEmpty();
        assertThat(Milestone.ofAssignment(assignment(null, "referral"))).isEmpty();
        assertThat(Milestone.ofDecision(null)).isEqualTo(Optional.empty());
    }

    private static AssignmentView assignment(AssignmentStatus status, String basisType) {
        ObjectReferenceView referral = new ObjectReferenceView("urn:nld:kvk:12345678", "referral", "r-1");
        ObjectReferenceView basis = "case".equals(basisType)
                ? new ObjectReferenceView("urn:nld:oin:00000001001234567000", "case", "c-1") : referral;
        return new AssignmentView("a-1", 1, "urn:nld:kvk:87654321", status, basis, referral, null, T, null, null, null,
                null, null);
    }
}
