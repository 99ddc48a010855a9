package nl.bronsein.provider.assignment;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.AssignmentStatus;

/**
 * An assignment as the staff list shows it: references and times, no personal data and no free text. The citizen is
 * in the detail, read from the pulled basis.
 *
 * @param basisWithdrawn whether the case or referral it rests on, or the consent for it, was withdrawn at its source:
 *                       then care should not (or no longer) be delivered on it
 */
public record AssignmentSummary(UUID id, int version, AssignmentStatus status, ObjectReferenceView basis,
                                ObjectReferenceView referral, String productCategory, Instant offeredAt,
                                Instant acceptedAt, Instant declinedAt, Instant careStartedAt, Instant careEndedAt,
                                boolean basisWithdrawn) {

    static AssignmentSummary of(Assignment a, boolean basisWithdrawn) {
        return new AssignmentSummary(a.id(), a.version(), a.status(), a.basis(), a.referral(), a.productCategory(),
                a.offeredAt(), a.acceptedAt(), a.declinedAt(), a.careStartedAt(), a.careEndedAt(), basisWithdrawn);
    }
}
