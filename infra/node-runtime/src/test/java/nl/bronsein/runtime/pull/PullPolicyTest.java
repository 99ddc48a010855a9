package nl.bronsein.runtime.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;

class PullPolicyTest {

    private static final Participant ADDRESSEE = participant("urn:nld:oin:00000001001234567000", ParticipantRole.MUNICIPALITY);
    private static final Participant OTHER = participant("urn:nld:oin:00000001009876543000", ParticipantRole.MUNICIPALITY);
    private static final Participant PROVIDER = participant("urn:nld:kvk:87654321", ParticipantRole.PROVIDER);

    private final PullPolicy policy = new PullPolicy(List.of(
            new PullRule("referral", "intake", List.of(ParticipantRole.MUNICIPALITY), List.of(), "intake", true, null),
            new PullRule("referral", "care-delivery", List.of(ParticipantRole.PROVIDER), List.of(), "care", null, null)));

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("involved, allowed purpose, consent", ADDRESSEE, true, "intake", true, null),
                Arguments.of("withdrawn at the source, consent or not", ADDRESSEE, true, "intake", true, AuditOutcome.WITHDRAWN),
                Arguments.of("missing object", ADDRESSEE, false, "intake", true, AuditOutcome.NOT_FOUND),
                Arguments.of("uninvolved, even with a wrong purpose", OTHER, true, "nonsense", true, AuditOutcome.NOT_INVOLVED),
                Arguments.of("purpose of another role", ADDRESSEE, true, "care-delivery", true, AuditOutcome.PURPOSE_NOT_ALLOWED),
                Arguments.of("no purpose", ADDRESSEE, true, " ", true, AuditOutcome.PURPOSE_NOT_ALLOWED),
                Arguments.of("consent does not cover it", ADDRESSEE, true, "intake", false, AuditOutcome.NO_CONSENT),
                Arguments.of("consent required by default", PROVIDER, true, "care-delivery", false, AuditOutcome.NO_CONSENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesInvolvementThenPurposeThenConsent(String name, Participant caller, boolean exists, String purpose,
                                                  boolean consent, AuditOutcome refusal) {
        boolean withdrawn = refusal == AuditOutcome.WITHDRAWN;
        Optional<SharedObject> object = exists ? Optional.of(referralFor(ADDRESSEE, PROVIDER, consent, withdrawn, false)) : Optional.empty();

        PullDecision decision = policy.decide(caller, "referral", object, purpose);

        if (refusal == null) {
            assertThat(decision).isEqualTo(new PullDecision.Allowed("intake"));
        } else {
            assertThat(decision).isInstanceOfSatisfying(PullDecision.Refused.class,
                    refused -> assertThat(refused.outcome()).isEqualTo(refusal));
        }
    }

    @Test
    void aChangeIsAddressedToWhomThePolicyLetsSeeItOrMustTellOfAWithdrawal() {
        assertThat(policy.addresses(ADDRESSEE, "referral", referralFor(ADDRESSEE, PROVIDER, true, false, false))).isTrue();
        // a consent that does not cover the purpose: the participant is not told the object changed at all
        assertThat(policy.addresses(ADDRESSEE, "referral", referralFor(ADDRESSEE, PROVIDER, false, false, false))).isFalse();
        // a withdrawal it must act on: told, so that it learns it from the owner's refusal
        assertThat(policy.addresses(ADDRESSEE, "referral", referralFor(ADDRESSEE, PROVIDER, false, false, true))).isTrue();
        assertThat(policy.addresses(ADDRESSEE, "referral", referralFor(ADDRESSEE, PROVIDER, true, true, false))).isTrue();
        // uninvolved, and a type its role has no rule for
        assertThat(policy.addresses(OTHER, "referral", referralFor(ADDRESSEE, PROVIDER, true, false, false))).isFalse();
        assertThat(policy.addresses(ADDRESSEE, "case", referralFor(ADDRESSEE, PROVIDER, true, false, false))).isFalse();
    }

    @Test
    void aRuleThatNamesAnInvolvementAdmitsOnlyParticipantsInvolvedSo() {
        // the GP's policy: the addressee takes the referral in; the provider admitted for care delivery gets that view
        // only, never the intake view with the problem analysis, though its role is listed for intake too
        PullPolicy gp = new PullPolicy(List.of(
                new PullRule("referral", "intake", List.of(ParticipantRole.MUNICIPALITY, ParticipantRole.PROVIDER),
                        List.of("addressee"), "intake", true, null),
                new PullRule("referral", "care-delivery", List.of(ParticipantRole.PROVIDER), List.of("assigned-provider"),
                        "care-delivery", true, null)));
        SharedObject referral = related(Map.of(ADDRESSEE.id(), "addressee", PROVIDER.id(), "assigned-provider"));

        assertThat(gp.decide(PROVIDER, "referral", Optional.of(referral), "care-delivery"))
                .isEqualTo(new PullDecision.Allowed("care-delivery"));
        assertThat(gp.decide(ADDRESSEE, "referral", Optional.of(referral), "intake"))
                .isEqualTo(new PullDecision.Allowed("intake"));
        assertThat(gp.decide(PROVIDER, "referral", Optional.of(referral), "intake"))
                .isInstanceOfSatisfying(PullDecision.Refused.class, refused -> {
                    assertThat(refused.outcome()).isEqualTo(AuditOutcome.PURPOSE_NOT_ALLOWED);
                    assertThat(refused.reason()).isEqualTo(
                            "purpose intake is not allowed for PROVIDER involved as [assigned-provider] on referral");
                });
        // a provider the referral is addressed to directly is no assigned provider
        SharedObject direct = related(Map.of(PROVIDER.id(), "addressee"));
        assertThat(gp.decide(PROVIDER, "referral", Optional.of(direct), "care-delivery"))
                .isInstanceOfSatisfying(PullDecision.Refused.class,
                        refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.PURPOSE_NOT_ALLOWED));
        assertThat(gp.addresses(PROVIDER, "referral", referral)).isTrue();
    }

    @Test
    void aRuleWhoseParticipantsAreNotNotifiedAnswersTheirPullsButAddressesThemNothing() {
        // the municipality's policy: the GP may ask whether a provider is assigned, which makes it no reader of the case
        PullPolicy municipality = new PullPolicy(List.of(new PullRule("case", "assignment-verification",
                List.of(ParticipantRole.MUNICIPALITY), List.of(), "assignment-verification", false, false)));
        SharedObject aCase = referralFor(ADDRESSEE, PROVIDER, false, false, false);

        assertThat(municipality.decide(ADDRESSEE, "case", Optional.of(aCase), "assignment-verification"))
                .isEqualTo(new PullDecision.Allowed("assignment-verification"));
        assertThat(municipality.addresses(ADDRESSEE, "case", aCase)).isFalse();
    }

    @Test
    void aRefusalForAWithdrawalStatesWhichWithdrawalAndAConsentThatNeverCoveredThePurposeStatesNone() {
        assertThat(withdrawalStated(true, false)).isEqualTo(Withdrawal.OBJECT_WITHDRAWN);
        assertThat(withdrawalStated(false, true)).isEqualTo(Withdrawal.CONSENT_WITHDRAWN);
        assertThat(withdrawalStated(true, true)).isEqualTo(Withdrawal.CONSENT_WITHDRAWN);
        assertThat(withdrawalStated(false, false)).isNull();
    }

    private Withdrawal withdrawalStated(boolean withdrawn, boolean consentWithdrawn) {
        SharedObject object = referralFor(ADDRESSEE, PROVIDER, false, withdrawn, consentWithdrawn);
        return ((PullDecision.Refused) policy.decide(ADDRESSEE, "referral", Optional.of(object), "intake")).withdrawal();
    }

    private static SharedObject referralFor(Participant addressee, Participant provider, boolean consent, boolean withdrawn,
                                            boolean consentWithdrawn) {
        return new SharedObject() {
            @Override
            public boolean withdrawn() {
                return withdrawn;
            }

            @Override
            public boolean consentWithdrawn() {
                return consentWithdrawn;
            }

            @Override
            public Set<ParticipantId> involved() {
                return Set.of(addressee.id(), provider.id());
            }

            @Override
            public boolean consentCovers(String purpose) {
                return consent;
            }

            @Override
            public Object view(String view, Participant caller) {
                return view;
            }
        };
    }

    private static SharedObject related(Map<ParticipantId, String> relations) {
        return new SharedObject() {
            @Override
            public Set<ParticipantId> involved() {
                return relations.keySet();
            }

            @Override
            public Set<String> relationsOf(ParticipantId participant) {
                return relations.containsKey(participant) ? Set.of(relations.get(participant)) : Set.of();
            }

            @Override
            public boolean consentCovers(String purpose) {
                return true;
            }

            @Override
            public Object view(String view, Participant caller) {
                return view;
            }
        };
    }

    private static Participant participant(String urn, ParticipantRole role) {
        return new Participant(ParticipantId.of(urn), role, "org", URI.create("https://node.example"), "ab".repeat(32));
    }
}
