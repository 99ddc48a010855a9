package nl.bronsein.provider.assignment;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.AssignmentStatus;

/**
 * Toewijzing → zorg: the provider's own record of care it was asked to deliver (cf. iWmo 301 toewijzing, 305 start
 * zorg, 307 stop zorg). It refers to what it rests on rather than copying it; the pulled case or referral is kept
 * apart, with its provenance, in the runtime's pulled copies.
 *
 * @param basis           what the assignment rests on: the municipality's case, or the GP's referral for a direct
 *                        referral
 * @param referral        the GP's referral the care traces back to (equal to {@code basis} for a direct referral)
 * @param productCategory the product category of the municipality's decision; null for a direct referral, which has no
 *                        decision — the GP's requested support is a question, not a product
 * @param declineReason   why we declined; shared with the commissioning municipality, not with the GP
 * @param careEndReason   why care ended, for our own records; not in any view
 */
public record Assignment(UUID id, int version, AssignmentStatus status, ObjectReferenceView basis,
                         ObjectReferenceView referral, String productCategory, Instant offeredAt, Instant acceptedAt,
                         Instant declinedAt, String declineReason, Instant careStartedAt, Instant careEndedAt,
                         String careEndReason) {

    /** Whether the assignment rests on a municipality's case, i.e. the municipality commissioned the care under the Wmo. */
    public boolean commissionedByCase() {
        return SharedObjectType.CASE.code().equals(basis.objectType());
    }
}
