package nl.bronsein.municipality.involvement;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Involvements as the pull server offers them. The one participant involved is the practice the wijkteam named, so
 * nobody else learns the involvement exists (need-to-know: another caller is answered as if there were none); the
 * purpose and view are the pull policy's. The consent is the one recorded here, at the owner: a withdrawal makes every
 * pull refused stating it, which is what lets the practice mark its copy withdrawn.
 */
@Component
public class InvolvementSource implements SharedObjectSource {

    static final String CARE_COORDINATION_VIEW = "care-coordination";

    private final InvolvementRepository involvements;
    private final ContactPointDirectory contactPoints;
    private final NodeIdentity identity;

    public InvolvementSource(InvolvementRepository involvements, ContactPointDirectory contactPoints,
                             NodeIdentity identity) {
        this.involvements = involvements;
        this.contactPoints = contactPoints;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.INVOLVEMENT;
    }

    @Override
    public Set<String> views() {
        return Set.of(CARE_COORDINATION_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return involvements.find(objectId).map(SharedInvolvement::new);
    }

    private final class SharedInvolvement implements SharedObject {

        private final Involvement involvement;

        SharedInvolvement(Involvement involvement) {
            this.involvement = involvement;
        }

        @Override
        public Set<ParticipantId> involved() {
            return Set.of(ParticipantId.of(involvement.details().gpPractice()));
        }

        @Override
        public boolean consentCovers(String purpose) {
            return involvement.consent().status() == ConsentStatus.GIVEN
                    && involvement.consent().purposes().contains(purpose);
        }

        @Override
        public boolean consentWithdrawn() {
            return involvement.consent().status() == ConsentStatus.WITHDRAWN;
        }

        @Override
        public Optional<String> dataSubject() {
            return Optional.of(involvement.details().citizen().bsn());
        }

        @Override
        public Object view(String view, Participant caller) {
            if (!CARE_COORDINATION_VIEW.equals(view)) {
                throw new IllegalArgumentException("unknown view " + view);
            }
            Involvement.Details d = involvement.details();
            Involvement.Consent c = involvement.consent();
            String owner = identity.id().urn();
            return new InvolvementView(involvement.id().toString(), involvement.version(), owner, involvement.status(),
                    new InvolvementView.InvolvedCitizen(d.citizen().bsn(), d.citizen().name(), d.citizen().birthDate()),
                    d.since(), d.until(), involvement.endedAt(),
                    contactPoints.currentDetails(owner, d.contactPointId().toString()).orElse(null),
                    new ObjectReferenceView(owner, SharedObjectType.CONTACT_POINT.code(), d.contactPointId().toString()),
                    d.gpPractice(), new InvolvementView.InvolvementConsent(c.givenAt(), c.form(), c.purposes(), c.status()));
        }
    }
}
