package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;

/**
 * Every step on a case in every state it can be in: the allowed ones give the status in the table and set only their
 * own part, every other one is refused with an IllegalTransitionException and changes nothing.
 */
class CaseTransitionsTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant LATER = T.plusSeconds(60);
    private static final String PROVIDER_A = "urn:nld:kvk:87654321";
    private static final String PROVIDER_B = "urn:nld:kvk:11223344";
    private static final UUID WIJKTEAM = UUID.fromString("6f1c2a2e-7d1b-4c59-9a53-0d8f7f0c1b11");

    /** A case in each state the lifecycle can bring it to; a decided case differs by its decision's outcome. */
    enum State {
        RECEIVED(Case.received("urn:nld:kvk:12345678", "r-1", T)),
        PICKED_UP(RECEIVED.c.pickUp(new Case.PickUp(WIJKTEAM, T))),
        GRANTED(PICKED_UP.c.decide(decision(DecisionOutcome.GRANTED))),
        DECLINED(PICKED_UP.c.decide(decision(DecisionOutcome.DECLINED))),
        REDIRECTED(PICKED_UP.c.decide(decision(DecisionOutcome.REDIRECTED))),
        ASSIGNED_TO_A(GRANTED.c.assign(new Case.Assignment(PROVIDER_A, T))),
        CONCLUDED(ASSIGNED_TO_A.c.conclude(new Case.Conclusion("zorg geleverd", T))),
        RETURNED(PICKED_UP.c.returnTo(new Case.Return("urn:nld:oin:00000001009876543000", "woont in Kampen", T))),
        CLOSED(RECEIVED.c.closeWithoutDecision(new Case.Closing("verwijzing ingetrokken", T)));

        final Case c;

        State(Case c) {
            this.c = c;
        }
    }

    /** Each step the case API offers, with the part it sets. */
    enum Step {
        PICK_UP(c -> c.pickUp(new Case.PickUp(UUID.randomUUID(), LATER))),
        DECIDE(c -> c.decide(new Decision(DecisionOutcome.DECLINED, null, "geen indicatie", null, LATER))),
        ASSIGN_TO_A(c -> c.assign(new Case.Assignment(PROVIDER_A, LATER))),
        ASSIGN_TO_B(c -> c.assign(new Case.Assignment(PROVIDER_B, LATER))),
        CONCLUDE(c -> c.conclude(new Case.Conclusion("afgerond", LATER))),
        RETURN(c -> c.returnTo(new Case.Return("urn:nld:oin:00000001001111111000", "elders", LATER))),
        CLOSE(c -> c.closeWithoutDecision(new Case.Closing("geen contact", LATER))),
        BASIS_CHANGED(Case::basisChanged);

        final UnaryOperator<Case> apply;

        Step(UnaryOperator<Case> apply) {
            this.apply = apply;
        }
    }

    /** The allowed steps and the status each leads to; every pair not here is refused. */
    private static final Map<String, CaseStatus> ALLOWED = Map.ofEntries(
            Map.entry("RECEIVED PICK_UP", CaseStatus.PICKED_UP),
            Map.entry("RECEIVED RETURN", CaseStatus.RETURNED),
            Map.entry("RECEIVED CLOSE", CaseStatus.CLOSED_WITHOUT_DECISION),
            Map.entry("PICKED_UP DECIDE", CaseStatus.DECIDED),
            Map.entry("PICKED_UP RETURN", CaseStatus.RETURNED),
            Map.entry("PICKED_UP CLOSE", CaseStatus.CLOSED_WITHOUT_DECISION),
            // only a granted case goes to a provider, and it must before it concludes
            Map.entry("GRANTED ASSIGN_TO_A", CaseStatus.ASSIGNED),
            Map.entry("GRANTED ASSIGN_TO_B", CaseStatus.ASSIGNED),
            Map.entry("DECLINED CONCLUDE", CaseStatus.CONCLUDED),
            Map.entry("REDIRECTED CONCLUDE", CaseStatus.CONCLUDED),
            // another provider after a decline; not the same one again
            Map.entry("ASSIGNED_TO_A ASSIGN_TO_B", CaseStatus.ASSIGNED),
            Map.entry("ASSIGNED_TO_A CONCLUDE", CaseStatus.CONCLUDED));

    static Stream<Arguments> everyStepInEveryState() {
        return Arrays.stream(State.values())
                .flatMap(state -> Arrays.stream(Step.values()).map(step -> Arguments.of(state, step)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStepInEveryState")
    void allowedStepsLeadToTheirStatusAndTheRestAreRefused(State state, Step step) {
        Case before = state.c;
        if (step == Step.BASIS_CHANGED) {
            // a correction or withdrawal at the source is no step of the case: any state, same status, next version
            assertThat(step.apply.apply(before)).isEqualTo(new Case(before.id(), before.version() + 1, before.status(),
                    before.referralOwner(), before.referralId(), before.receivedAt(), before.pickUp(), before.decision(),
                    before.assignment(), before.concluded(), before.returned(), before.closing()));
            return;
        }
        CaseStatus expected = ALLOWED.get(state + " " + step);
        if (expected == null) {
            assertThatThrownBy(() -> step.apply.apply(before)).isInstanceOf(IllegalTransitionException.class);
            return;
        }
        Case after = step.apply.apply(before);
        assertThat(after.status()).isEqualTo(expected);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.referral()).isEqualTo(before.referral());
        assertThat(after.receivedAt()).isEqualTo(before.receivedAt());
        assertThat(partsChanged(before, after)).as("the parts the step set").containsExactly(step.name());
    }

    /** Which part differs, named by the step that sets it. */
    private static Stream<String> partsChanged(Case before, Case after) {
        return Stream.of(
                        changed(before.pickUp(), after.pickUp(), "PICK_UP"),
                        changed(before.decision(), after.decision(), "DECIDE"),
                        changed(before.assignment(), after.assignment(),
                                after.assignedProvider() != null && after.assignedProvider().equals(PROVIDER_A)
                                        ? "ASSIGN_TO_A" : "ASSIGN_TO_B"),
                        changed(before.concluded(), after.concluded(), "CONCLUDE"),
                        changed(before.returned(), after.returned(), "RETURN"),
                        changed(before.closing(), after.closing(), "CLOSE"))
                .filter(name -> !name.isEmpty());
    }

    private static String changed(Object before, Object after, String step) {
        return Objects.equals(before, after) ? "" : step;
    }

    private static Decision decision(DecisionOutcome outcome) {
        return new Decision(outcome, outcome == DecisionOutcome.GRANTED ? "Rolstoel" : null,
                outcome == DecisionOutcome.DECLINED ? "geen beperking" : null,
                outcome == DecisionOutcome.REDIRECTED ? "welzijnscoach" : null, T);
    }
}
