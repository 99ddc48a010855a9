package nl.bronsein.gp.referral;

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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.consent.ConsentGiver;
import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * Every change of a referral, and the withdrawal of its consent, in every status: the allowed ones give the status in
 * the table and the next version, every other one is refused with an IllegalTransitionException.
 */
class ReferralStepsTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant LATER = T.plusSeconds(60);

    /** Each change the practice can make to its referral. */
    enum Step {
        CORRECT(r -> r.correct(new ReferralCorrection(r.content().citizen(), "rolstoel en begeleiding", "analyse",
                Urgency.URGENT, r.content().contactPoint()))),
        CHANGE_CONTACT_PERSON(r -> r.withContactPerson(new ReferralDraft.ContactPerson("A. de Vries", "dochter",
                "0612345678"))),
        WITHDRAW(r -> r.withdraw(LATER)),
        CONSENT_WITHDRAWN(r -> r.consentWithdrawn(r.consent().withdraw(LATER)));

        final UnaryOperator<Referral> apply;

        Step(UnaryOperator<Referral> apply) {
            this.apply = apply;
        }
    }

    /**
     * The allowed changes and the status each leads to; every pair not here is refused. A changed contact person and a
     * withdrawn consent keep the status; a withdrawn referral no longer changes, but the citizen may still withdraw
     * the consent it rested on.
     */
    private static final Map<String, ReferralStatus> ALLOWED = Map.of(
            "RECORDED CORRECT", ReferralStatus.CORRECTED,
            "RECORDED CHANGE_CONTACT_PERSON", ReferralStatus.RECORDED,
            "RECORDED WITHDRAW", ReferralStatus.WITHDRAWN,
            "RECORDED CONSENT_WITHDRAWN", ReferralStatus.RECORDED,
            "CORRECTED CORRECT", ReferralStatus.CORRECTED,
            "CORRECTED CHANGE_CONTACT_PERSON", ReferralStatus.CORRECTED,
            "CORRECTED WITHDRAW", ReferralStatus.WITHDRAWN,
            "CORRECTED CONSENT_WITHDRAWN", ReferralStatus.CORRECTED,
            "WITHDRAWN CONSENT_WITHDRAWN", ReferralStatus.WITHDRAWN);

    static Stream<Arguments> everyStepInEveryStatus() {
        return Arrays.stream(ReferralStatus.values())
                .flatMap(status -> Arrays.stream(Step.values()).map(step -> Arguments.of(status, step)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStepInEveryStatus")
    void allowedChangesLeadToTheirStatusAndTheRestAreRefused(ReferralStatus status, Step step) {
        Referral before = referral(status, ConsentStatus.GIVEN);
        ReferralStatus expected = ALLOWED.get(status + " " + step);
        if (expected == null) {
            assertThatThrownBy(() -> step.apply.apply(before)).isInstanceOf(IllegalTransitionException.class);
            return;
        }
        Referral after = step.apply.apply(before);
        assertThat(after.status()).isEqualTo(expected);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.withdrawnAt()).isEqualTo(step == Step.WITHDRAW ? LATER : before.withdrawnAt());
        assertThat(after.consent().status())
                .isEqualTo(step == Step.CONSENT_WITHDRAWN ? ConsentStatus.WITHDRAWN : ConsentStatus.GIVEN);
    }

    @ParameterizedTest
    @EnumSource(ConsentStatus.class)
    void aConsentIsWithdrawnOnce(ConsentStatus status) {
        ConsentRecord consent = referral(ReferralStatus.RECORDED, status).consent();
        if (status == ConsentStatus.WITHDRAWN) {
            assertThatThrownBy(() -> consent.withdraw(LATER)).isInstanceOf(IllegalTransitionException.class);
            return;
        }
        ConsentRecord withdrawn = consent.withdraw(LATER);
        assertThat(withdrawn.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawn.withdrawnAt()).isEqualTo(LATER);
        assertThat(withdrawn.covers("intake")).isFalse();
    }

    private static Referral referral(ReferralStatus status, ConsentStatus consentStatus) {
        List<String> purposes = List.of("intake", "referral-feedback");
        ConsentRecord consent = new ConsentRecord(UUID.randomUUID(), T, ConsentForm.ORAL, null, purposes,
                List.of(ConsentGiver.citizen()), consentStatus, consentStatus == ConsentStatus.WITHDRAWN ? T : null);
        ReferralDraft draft = new ReferralDraft(
                new ReferralDraft.Citizen("999993653", "test", LocalDate.of(1944, 3, 12),
                        new ReferralDraft.Address("test", "1", "8011 AB", "Zwolle"), null),
                null, new ReferralDraft.Consent(T, ConsentForm.ORAL, null, purposes), "test", "test",
                Urgency.REGULAR, new ReferralDraft.ContactPoint("test", null, null), "urn:nld:oin:00000001001234567000",
                null, null);
        return new Referral(UUID.randomUUID(), status == ReferralStatus.RECORDED ? 1 : 2, status, T, draft, consent,
                status == ReferralStatus.WITHDRAWN ? T : null);
    }
}
