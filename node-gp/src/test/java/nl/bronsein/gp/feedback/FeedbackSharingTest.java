package nl.bronsein.gp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.consent.ConsentGiver;
import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.schemas.view.ReferralStatus;
import nl.bronsein.gp.referral.Urgency;
import nl.bronsein.runtime.subscription.Subscription;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * Whether a referral's timeline can fill at all, and why not: an empty timeline must not be mistaken for an addressee
 * that has not started when the citizen's consent does not cover feedback, or was withdrawn.
 */
class FeedbackSharingTest {

    /** As the GP node's own configuration (gp-node.yml) follows its addressees. */
    static final SubscriptionProperties GP_SUBSCRIPTIONS = new SubscriptionProperties(List.of(
            new Subscription("referral-feedback", List.of("case", "assignment"), List.of("role:MUNICIPALITY", "role:PROVIDER")),
            new Subscription("contact-points", List.of("contact-point"),
                    List.of("role:GP_PRACTICE", "role:MUNICIPALITY", "role:PROVIDER"))), null);

    private static final Participant GP = participant("urn:nld:kvk:12345678", ParticipantRole.GP_PRACTICE, "a1");
    private static final Participant MUNICIPALITY = participant("urn:nld:oin:00000001001234567000", ParticipantRole.MUNICIPALITY, "b2");
    private static final Participant PROVIDER = participant("urn:nld:kvk:87654321", ParticipantRole.PROVIDER, "c3");
    private static final Participant OTHER_GP = participant("urn:nld:kvk:11223344", ParticipantRole.GP_PRACTICE, "d4");
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    // Deciding whether feedback is shared reads only the referral, the participant list and the subscriptions.
    private final Feedback feedback = new Feedback(null, null, null, null,
            new ParticipantList(List.of(GP, MUNICIPALITY, PROVIDER, OTHER_GP)), new NodeIdentity(GP), GP_SUBSCRIPTIONS,
            Clock.systemUTC());

    @Test
    void sharedWhenTheConsentCoversTheFeedbackPurposeOfTheAddresseesObjects() {
        assertThat(feedback.sharing(referral(MUNICIPALITY, ReferralStatus.RECORDED, ConsentStatus.GIVEN,
                "intake", "referral-feedback"))).isEqualTo(new ReferralTimeline.FeedbackSharing(true, null));
        assertThat(feedback.sharing(referral(PROVIDER, ReferralStatus.CORRECTED, ConsentStatus.GIVEN,
                "intake", "referral-feedback")).shared()).isTrue();
    }

    @Test
    void notSharedWithTheReasonWhenTheConsentDoesNotCoverIt() {
        assertThat(feedback.sharing(referral(MUNICIPALITY, ReferralStatus.RECORDED, ConsentStatus.GIVEN, "intake")))
                .isEqualTo(new ReferralTimeline.FeedbackSharing(false, "the citizen's consent does not cover referral-feedback"));
    }

    @Test
    void notSharedOnceTheConsentOrTheReferralWasWithdrawn() {
        assertThat(feedback.sharing(referral(MUNICIPALITY, ReferralStatus.RECORDED, ConsentStatus.WITHDRAWN,
                "intake", "referral-feedback")))
                .isEqualTo(new ReferralTimeline.FeedbackSharing(false, "the citizen withdrew their consent"));
        assertThat(feedback.sharing(referral(MUNICIPALITY, ReferralStatus.WITHDRAWN, ConsentStatus.GIVEN,
                "intake", "referral-feedback")))
                .isEqualTo(new ReferralTimeline.FeedbackSharing(false, "the practice withdrew the referral"));
    }

    @Test
    void notSharedWhenThePracticeFollowsNothingOfTheAddressee() {
        assertThat(feedback.sharing(referral(OTHER_GP, ReferralStatus.RECORDED, ConsentStatus.GIVEN,
                "intake", "referral-feedback")))
                .isEqualTo(new ReferralTimeline.FeedbackSharing(false, "this practice follows nothing of the addressee"));
    }

    private static Referral referral(Participant addressee, ReferralStatus status, ConsentStatus consentStatus,
                                     String... purposes) {
        ConsentRecord consent = new ConsentRecord(UUID.randomUUID(), T, ConsentForm.ORAL, null, List.of(purposes),
                List.of(ConsentGiver.citizen()), consentStatus, consentStatus == ConsentStatus.WITHDRAWN ? T : null);
        ReferralDraft draft = new ReferralDraft(
                new ReferralDraft.Citizen("999993653", "test", LocalDate.of(1944, 3, 12),
                        new ReferralDraft.Address("test", "1", "8011 AB", "Zwolle"), null),
                null, new ReferralDraft.Consent(T, ConsentForm.ORAL, null, List.of(purposes)), "test", "test",
                Urgency.values()[0], new ReferralDraft.ContactPoint("test", null, null), addressee.id().urn(),
                null, null);
        return new Referral(UUID.randomUUID(), 1, status, T, draft, consent,
                status == ReferralStatus.WITHDRAWN ? T : null);
    }

    private static Participant participant(String urn, ParticipantRole role, String fingerprintByte) {
        return new Participant(ParticipantId.of(urn), role, urn, URI.create("https://node.example:8443"),
                fingerprintByte.repeat(32));
    }
}
