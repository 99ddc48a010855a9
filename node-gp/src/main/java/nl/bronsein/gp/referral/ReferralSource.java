package nl.bronsein.gp.referral;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.gp.consent.ConsentStatus;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * The referrals as the pull server offers them: involved is the addressee (a municipality, or a provider referred to
 * directly); consent is the referral's own record; a withdrawn referral is not shared at all.
 */
@Component
public class ReferralSource implements SharedObjectSource {

    static final String INTAKE_VIEW = "intake";

    private final ReferralRepository referrals;
    private final NodeIdentity identity;

    public ReferralSource(ReferralRepository referrals, NodeIdentity identity) {
        this.referrals = referrals;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public Set<String> views() {
        return Set.of(INTAKE_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return referrals.find(objectId).map(SharedReferral::new);
    }

    private final class SharedReferral implements SharedObject {

        private final Referral referral;

        SharedReferral(Referral referral) {
            this.referral = referral;
        }

        @Override
        public Set<ParticipantId> involved() {
            return Set.of(ParticipantId.of(referral.addressee()));
        }

        @Override
        public boolean withdrawn() {
            return referral.status() == ReferralStatus.WITHDRAWN;
        }

        @Override
        public boolean consentWithdrawn() {
            return referral.consent().status() == ConsentStatus.WITHDRAWN;
        }

        @Override
        public boolean consentCovers(String purpose) {
            return referral.consent().covers(purpose);
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!INTAKE_VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            return intakeView(referral, identity);
        }
    }

    static ReferralIntakeView intakeView(Referral referral, NodeIdentity identity) {
        ReferralDraft d = referral.content();
        ReferralDraft.ContactPerson person = d.contactPerson();
        return new ReferralIntakeView(referral.id().toString(), referral.version(), identity.id().urn(),
                referral.status().name(), referral.recordedAt(),
                new ReferralIntakeView.Citizen(d.citizen().bsn(), d.citizen().name(), d.citizen().birthDate(),
                        new ReferralIntakeView.Address(d.citizen().address().street(), d.citizen().address().houseNumber(),
                                d.citizen().address().postalCode(), d.citizen().address().city()),
                        d.citizen().phone()),
                person == null ? null : new ReferralIntakeView.ContactPerson(person.name(), person.relation(), person.phone()),
                new ReferralIntakeView.Consent(referral.consent().id().toString(), referral.consent().givenAt(),
                        referral.consent().form().name(), referral.consent().documentReference(),
                        referral.consent().purposes(), referral.consent().status().name()),
                d.requestedSupport(), d.problemAnalysis(), d.urgency().name(),
                new ContactPointView(d.contactPoint().name(), d.contactPoint().phone(), d.contactPoint().email()),
                d.addressee());
    }
}
