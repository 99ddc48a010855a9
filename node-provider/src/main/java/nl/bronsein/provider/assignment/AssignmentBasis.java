package nl.bronsein.provider.assignment;

import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * What an assignment rests on, as this node pulled it: the municipality's case (for care delivery) or the GP's referral
 * (for intake, when the GP referred directly). The pulled copy is the provider's legal basis for holding the citizen's
 * data, and carries the consent the assignment is shared on.
 */
@Component
public class AssignmentBasis {

    private final PulledCopies copies;

    public AssignmentBasis(PulledCopies copies) {
        this.copies = copies;
    }

    /** The pulled copy of the basis, read as the view it was pulled as; its content is null once withdrawn. */
    public Optional<PulledCopy<?>> copy(ObjectReferenceView basis) {
        SharedObjectType type = type(basis);
        Class<?> view = type == SharedObjectType.CASE ? CaseCareDeliveryView.class : ReferralIntakeView.class;
        return copies.find(basis.owner(), type, basis.objectId(), view).map(c -> c);
    }

    /** How the owner withdrew the basis, or the consent it was shared on, if it did. */
    public Optional<PulledCopy.Withdrawal> withdrawal(ObjectReferenceView basis) {
        return copy(basis).map(PulledCopy::withdrawal);
    }

    /** Whether the owner withdrew the basis, or the consent it was shared on. */
    public boolean withdrawn(ObjectReferenceView basis) {
        return copies.isWithdrawn(basis.owner(), type(basis), basis.objectId());
    }

    /**
     * Whether the consent in the pulled basis is given and covers the purpose. The consent lives at the GP; the case
     * carries it as the municipality pulled it with the referral, and a withdrawal reaches us as the municipality's answer to a pull.
     */
    public boolean consentCovers(ObjectReferenceView basis, String purpose) {
        return copy(basis).filter(c -> !c.withdrawn()).map(c -> consent(c.content()))
                .map(consent -> "GIVEN".equals(consent.status()) && consent.purposes() != null
                        && consent.purposes().contains(purpose))
                .orElse(false);
    }

    private static ReferralIntakeView.Consent consent(Object content) {
        if (content instanceof CaseCareDeliveryView caseView) {
            return caseView.consent();
        }
        if (content instanceof ReferralIntakeView referralView) {
            return referralView.consent();
        }
        return null;
    }

    private static SharedObjectType type(ObjectReferenceView basis) {
        return SharedObjectType.fromCode(basis.objectType())
                .filter(t -> t == SharedObjectType.CASE || t == SharedObjectType.REFERRAL)
                .orElseThrow(() -> new IllegalStateException("an assignment rests on a case or a referral, not on "
                        + basis.objectType()));
    }
}
