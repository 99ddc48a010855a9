package nl.bronsein.municipality.cases;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.intake.PulledReferral;
import nl.bronsein.municipality.intake.PulledReferralRepository;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Cases as the pull server offers them. Involved is the referrer; the consent that counts is the one recorded with
 * the referral at the GP, as this municipality last pulled it.
 */
@Component
public class CaseSource implements SharedObjectSource {

    static final String FEEDBACK_VIEW = "referral-feedback";

    private final CaseRepository cases;
    private final PulledReferralRepository pulledReferrals;
    private final NodeIdentity identity;

    public CaseSource(CaseRepository cases, PulledReferralRepository pulledReferrals, NodeIdentity identity) {
        this.cases = cases;
        this.pulledReferrals = pulledReferrals;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public Set<String> views() {
        return Set.of(FEEDBACK_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return cases.find(objectId).map(c -> new SharedCase(c, pulledReferrals.find(c.referralOwner(), c.referralId())));
    }

    private final class SharedCase implements SharedObject {

        private final Case c;
        private final Optional<PulledReferral> referral;

        SharedCase(Case c, Optional<PulledReferral> referral) {
            this.c = c;
            this.referral = referral;
        }

        @Override
        public boolean involves(ParticipantId participant) {
            return c.referralOwner().equals(participant.urn());
        }

        @Override
        public boolean consentCovers(String purpose) {
            return referral.map(r -> r.consentCovers(purpose)).orElse(false);
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!FEEDBACK_VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            return new CaseFeedbackView(c.id().toString(), c.version(), identity.id().urn(), c.status().name(),
                    new ObjectReferenceView(c.referralOwner(), SharedObjectType.REFERRAL.code(), c.referralId()),
                    c.receivedAt(), c.pickedUpAt(), c.contactPoint());
        }
    }
}
