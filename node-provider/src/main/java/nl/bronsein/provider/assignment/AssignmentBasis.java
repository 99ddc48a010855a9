package nl.bronsein.provider.assignment;

import nl.bronsein.runtime.pull.Withdrawal;

import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * What an assignment rests on, as this node pulled it, each from its own source: the municipality's case (its decision
 * and assignment) and the GP's referral (the citizen, the informal carer, the consent), or the GP's referral alone when
 * the GP referred directly. The pulled copies are the provider's legal basis for holding the citizen's data; the
 * consent that counts is the one in the referral as the GP last answered it.
 */
@Component
public class AssignmentBasis {

    private final PulledCopies copies;

    public AssignmentBasis(PulledCopies copies) {
        this.copies = copies;
    }

    /** The pulled copy of the basis (the case, or the directly referred referral); its content is null once withdrawn. */
    public Optional<PulledCopy<?>> copy(Assignment assignment) {
        ObjectReferenceView basis = assignment.basis();
        if (assignment.commissionedByCase()) {
            return copies.find(basis.owner(), SharedObjectType.CASE, basis.objectId(), CaseCareDeliveryView.class)
                    .map(c -> c);
        }
        return referral(assignment);
    }

    /**
     * The GP's referral as pulled from the GP: for care delivery when the municipality commissioned the care, for
     * intake when the GP referred to us directly.
     */
    public Optional<PulledCopy<?>> referral(Assignment assignment) {
        ObjectReferenceView referral = assignment.referral();
        Class<?> view = assignment.commissionedByCase() ? ReferralCareDeliveryView.class : ReferralIntakeView.class;
        return copies.find(referral.owner(), SharedObjectType.REFERRAL, referral.objectId(), view).map(c -> c);
    }

    /** How an owner withdrew what the assignment rests on, or the consent it was shared on, if one did. */
    public Optional<Withdrawal> withdrawal(Assignment assignment) {
        return Stream.of(referral(assignment), copy(assignment)).flatMap(Optional::stream)
                .map(PulledCopy::withdrawal).filter(w -> w != null).findFirst();
    }

    /** Whether an owner withdrew what the assignment rests on, or the consent it was shared on. */
    public boolean withdrawn(Assignment assignment) {
        return copies.isWithdrawn(assignment.referral().owner(), SharedObjectType.REFERRAL, assignment.referral().objectId())
                || assignment.commissionedByCase() && copies.isWithdrawn(assignment.basis().owner(), SharedObjectType.CASE,
                assignment.basis().objectId());
    }

    /**
     * Whether the consent in the referral, as the GP last answered a pull of it, is given and covers the purpose. The
     * consent lives at the GP; a withdrawal reaches us as the GP's answer to a pull, since the GP notifies every
     * provider it admitted.
     */
    public boolean consentCovers(Assignment assignment, String purpose) {
        return referral(assignment).filter(c -> !c.withdrawn()).map(c -> consent(c.content()))
                .map(consent -> consent.status() == ConsentStatus.GIVEN && consent.purposes() != null
                        && consent.purposes().contains(purpose))
                .orElse(false);
    }

    /** The BSN of the citizen of the referral the assignment rests on, as this provider last pulled it. */
    public Optional<String> citizen(Assignment assignment) {
        return referral(assignment).map(PulledCopy::content).map(content -> content instanceof ReferralCareDeliveryView care
                ? care.citizen() : content instanceof ReferralIntakeView intake ? intake.citizen() : null)
                .map(ReferralIntakeView.Citizen::bsn);
    }

    private static ReferralIntakeView.Consent consent(Object content) {
        if (content instanceof ReferralCareDeliveryView careView) {
            return careView.consent();
        }
        if (content instanceof ReferralIntakeView intakeView) {
            return intakeView.consent();
        }
        return null;
    }
}
