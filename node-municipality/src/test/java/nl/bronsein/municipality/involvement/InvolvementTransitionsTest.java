package nl.bronsein.municipality.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementStatus;

/**
 * Every step on an involvement in every state it can be in: the allowed ones give the state in the table, the next
 * version and change only their own part; every other one is refused with an IllegalTransitionException.
 */
class InvolvementTransitionsTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant LATER = T.plusSeconds(60);
    private static final Involvement.Details DETAILS = new Involvement.Details(
            new Involvement.Citizen("999998882", "A. Jansen", LocalDate.of(1950, 3, 1)), LocalDate.of(2026, 11, 1),
            null, UUID.fromString("6f1c2a2e-7d1b-4c59-9a53-0d8f7f0c1b11"), "urn:nld:kvk:12345678");
    private static final Involvement.Details CORRECTED = new Involvement.Details(DETAILS.citizen(),
            LocalDate.of(2026, 10, 1), LocalDate.of(2027, 6, 30), DETAILS.contactPointId(), DETAILS.gpPractice());

    /** An involvement in each state the lifecycle can bring it to: status and consent. */
    enum State {
        ACTIVE(Involvement.started(DETAILS, new Involvement.Consent(T, "ORAL", List.of("care-coordination"),
                ConsentStatus.GIVEN, null), T)),
        ACTIVE_WITHOUT_CONSENT(ACTIVE.involvement.withdrawConsent(T)),
        ENDED(ACTIVE.involvement.end(T)),
        ENDED_WITHOUT_CONSENT(ENDED.involvement.withdrawConsent(T));

        final Involvement involvement;

        State(Involvement involvement) {
            this.involvement = involvement;
        }
    }

    enum Step {
        CORRECT(i -> i.corrected(CORRECTED)),
        END(i -> i.end(LATER)),
        WITHDRAW_CONSENT(i -> i.withdrawConsent(LATER));

        final UnaryOperator<Involvement> apply;

        Step(UnaryOperator<Involvement> apply) {
            this.apply = apply;
        }
    }

    /**
     * The allowed steps and the state each leads to; every pair not here is refused. By name: {@link State} is built
     * from this class's constants, so this table may be built while the states are not yet.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            "ACTIVE CORRECT", "ACTIVE",
            "ACTIVE END", "ENDED",
            "ACTIVE WITHDRAW_CONSENT", "ACTIVE_WITHOUT_CONSENT",
            // the wijkteam's own record still ends; nothing is shared on it any more
            "ACTIVE_WITHOUT_CONSENT END", "ENDED_WITHOUT_CONSENT",
            // the practice still holds what it was told of an ended involvement, so the citizen can withdraw after
            "ENDED WITHDRAW_CONSENT", "ENDED_WITHOUT_CONSENT");

    static Stream<Arguments> everyStepInEveryState() {
        return Arrays.stream(State.values())
                .flatMap(state -> Arrays.stream(Step.values()).map(step -> Arguments.of(state, step)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStepInEveryState")
    void allowedStepsLeadToTheirStateAndTheRestAreRefused(State state, Step step) {
        Involvement before = state.involvement;
        String allowed = ALLOWED.get(state + " " + step);
        if (allowed == null) {
            assertThatThrownBy(() -> step.apply.apply(before)).isInstanceOf(IllegalTransitionException.class)
                    .hasMessageStartingWith("an involvement that is " + before.status());
            return;
        }
        State expected = State.valueOf(allowed);
        Involvement after = step.apply.apply(before);
        assertThat(after.status()).isEqualTo(expected.involvement.status());
        assertThat(after.consent().status()).isEqualTo(expected.involvement.consent().status());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.startedAt()).isEqualTo(before.startedAt());
        assertThat(after.details()).isEqualTo(step == Step.CORRECT ? CORRECTED : before.details());
        assertThat(after.endedAt()).isEqualTo(step == Step.END ? LATER : before.endedAt());
        assertThat(after.consent().withdrawnAt())
                .isEqualTo(step == Step.WITHDRAW_CONSENT ? LATER : before.consent().withdrawnAt());
        assertThat(after.consent().purposes()).isEqualTo(before.consent().purposes());
    }

    /** Every combination of the contract's statuses and steps, also the ones no involvement reaches yet. */
    static Stream<Arguments> everyStatusConsentAndStep() {
        return Arrays.stream(InvolvementStatus.values()).flatMap(status -> Arrays.stream(ConsentStatus.values())
                .flatMap(consent -> Arrays.stream(InvolvementLifecycle.Step.values())
                        .map(step -> Arguments.of(status, consent, step))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyStatusConsentAndStep")
    void theLifecycleAllowsExactlyTheTable(InvolvementStatus status, ConsentStatus consent,
                                           InvolvementLifecycle.Step step) {
        String state = status.name() + (consent == ConsentStatus.WITHDRAWN ? "_WITHOUT_CONSENT" : "");
        assertThat(InvolvementLifecycle.allows(status, consent, step)).isEqualTo(ALLOWED.containsKey(state + " " + step));
    }
}
