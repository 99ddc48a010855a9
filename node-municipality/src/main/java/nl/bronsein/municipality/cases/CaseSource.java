package nl.bronsein.municipality.cases;

import nl.bronsein.runtime.pull.Withdrawal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseAssignmentView;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Cases as the pull server offers them. Involved are the referrer, the provider the case is assigned to and the
 * youth-care provider whose request for an assignment it answers; which of
 * them gets which view for which purpose is the pull policy's business (configuration), not this class's. No view
 * hands on what this municipality pulled from the GP: the provider gets a reference to the referral and asks the GP,
 * which asks us ({@code assignment-verification}) whether that provider is the one we assigned. The consent
 * that counts is the one recorded with the referral at the GP, as this municipality last pulled it.
 */
@Component
public class CaseSource implements SharedObjectSource {

    static final String FEEDBACK_VIEW = "referral-feedback";
    static final String CARE_DELIVERY_VIEW = "care-delivery";
    static final String ASSIGNMENT_VERIFICATION_VIEW = "assignment-verification";

    private final CaseRepository cases;
    private final PulledCopies copies;
    private final ContactPointDirectory contactPoints;
    private final NodeIdentity identity;

    public CaseSource(CaseRepository cases, PulledCopies copies, ContactPointDirectory contactPoints, NodeIdentity identity) {
        this.cases = cases;
        this.copies = copies;
        this.contactPoints = contactPoints;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public Set<String> views() {
        return Set.of(FEEDBACK_VIEW, CARE_DELIVERY_VIEW, ASSIGNMENT_VERIFICATION_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return cases.find(objectId).map(c -> new SharedCase(c, copies.find(c.referralOwner(), SharedObjectType.REFERRAL,
                c.referralId(), ReferralIntakeView.class)));
    }

    private final class SharedCase implements SharedObject {

        private final Case c;
        private final Optional<PulledCopy<ReferralIntakeView>> referral;

        SharedCase(Case c, Optional<PulledCopy<ReferralIntakeView>> referral) {
            this.c = c;
            this.referral = referral;
        }

        @Override
        public Set<ParticipantId> involved() {
            Set<ParticipantId> involved = new HashSet<>();
            involved.add(ParticipantId.of(c.referralOwner()));
            if (c.assignedProvider() != null) {
                involved.add(ParticipantId.of(c.assignedProvider()));
            }
            // the youth-care provider that asked hears the answer, granted or refused
            if (c.requestedBy() != null) {
                involved.add(ParticipantId.of(c.requestedBy()));
            }
            return Set.copyOf(involved);
        }

        @Override
        public boolean withdrawn() {
            return referral.map(r -> r.withdrawal() == Withdrawal.OBJECT_WITHDRAWN).orElse(false);
        }

        @Override
        public boolean consentWithdrawn() {
            return referral.map(r -> r.withdrawal() == Withdrawal.CONSENT_WITHDRAWN).orElse(false);
        }

        @Override
        public boolean consentCovers(String purpose) {
            return referral.filter(r -> !r.withdrawn()).map(PulledCopy::content).map(ReferralIntakeView::consent)
                    .filter(consent -> consent.status() == ConsentStatus.GIVEN && consent.purposes() != null
                            && consent.purposes().contains(purpose))
                    .isPresent();
        }

        /** The citizen of the referral the case rests on, as this municipality last pulled it. */
        @Override
        public Optional<String> dataSubject() {
            return referral.map(PulledCopy::content).map(ReferralIntakeView::citizen).map(ReferralIntakeView.Citizen::bsn);
        }

        @Override
        public Object view(String view, Participant caller) {
            return switch (view) {
                case FEEDBACK_VIEW -> feedbackView();
                case CARE_DELIVERY_VIEW -> careDeliveryView();
                case ASSIGNMENT_VERIFICATION_VIEW -> new CaseAssignmentView(c.id().toString(), c.version(),
                        identity.id().urn(), c.referral(), currentProvider());
                default -> throw new IllegalArgumentException("unknown view " + view);
            };
        }

        private CaseFeedbackView feedbackView() {
            return new CaseFeedbackView(c.id().toString(), c.version(), identity.id().urn(), c.status(),
                    c.referral(), c.receivedAt(), c.pickedUpAt(), contactPoint(), contactPointRef(),
                    c.decision() == null ? null : c.decision().view(), c.assignedProvider(), c.assignedAt(),
                    c.conclusion(), c.concludedAt(), c.returnedTo(), c.returnedAt(), c.closedAt());
        }

        /** Our own data and a reference to the referral: the provider pulls the citizen's data from the GP. */
        private CaseCareDeliveryView careDeliveryView() {
            return new CaseCareDeliveryView(c.id().toString(), c.version(), identity.id().urn(), c.status(),
                    c.referral(), c.assignedProvider(), c.assignedAt(), c.decision() == null ? null : c.decision().view(),
                    contactPoint(), contactPointRef(), c.request() == null ? null : c.request().reference());
        }

        /** The provider that delivers the care on this case now: once assigned, also after the case concluded. */
        private String currentProvider() {
            return c.status() == CaseStatus.ASSIGNED || c.status() == CaseStatus.CONCLUDED ? c.assignedProvider() : null;
        }

        private ContactPointView contactPoint() {
            return c.contactPointId() == null ? null
                    : contactPoints.currentDetails(identity.id().urn(), c.contactPointId().toString()).orElse(null);
        }

        private ObjectReferenceView contactPointRef() {
            return c.contactPointId() == null ? null : new ObjectReferenceView(identity.id().urn(),
                    SharedObjectType.CONTACT_POINT.code(), c.contactPointId().toString());
        }
    }
}
