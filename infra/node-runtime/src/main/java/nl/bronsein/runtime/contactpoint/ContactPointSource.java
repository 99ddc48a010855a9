package nl.bronsein.runtime.contactpoint;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;

/**
 * This node's contact points as the pull server offers them (view {@code contact-points}). They are public within the
 * network: every listed participant (the door has already authenticated it) is involved, and as a function-level
 * contact point holds no personal data, no consent is needed. Which roles may pull, for which purpose, is still the
 * node's pull policy.
 */
class ContactPointSource implements SharedObjectSource {

    public static final String VIEW = "contact-points";

    private final ContactPointRepository contactPoints;

    public ContactPointSource(ContactPointRepository contactPoints) {
        this.contactPoints = contactPoints;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CONTACT_POINT;
    }

    @Override
    public Set<String> views() {
        return Set.of(VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return contactPoints.find(objectId).map(SharedContactPoint::new);
    }

    private record SharedContactPoint(ContactPoint contactPoint) implements SharedObject {

        /** A published contact point is for everyone: nobody in particular is addressed, it goes on the generic topic. */
        @Override
        public Set<ParticipantId> involved() {
            return Set.of();
        }

        @Override
        public boolean involves(ParticipantId participant) {
            return true;
        }

        @Override
        public boolean consentCovers(String purpose) {
            return true;
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            return contactPoint.view();
        }
    }
}
