package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The provider's assignment (toewijzing → zorg, cf. iWmo 305 start zorg / 307 stop zorg) as the municipality sees it
 * for purpose {@code assignment-follow-up}, and as the referring GP sees it for {@code referral-feedback}. The GP's
 * view leaves out the decline reason: the municipality, which commissioned the care, follows that up.
 *
 * @param status null when the provider serves a status added after this release (see {@link AssignmentStatus})
 * @param basis what the assignment rests on: the municipality's case, or the GP's referral when referred directly
 * @param referral the GP's referral the care traces back to
 */
public record AssignmentView(String objectId, int version, String owner,
                             @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) AssignmentStatus status,
                             ObjectReferenceView basis, ObjectReferenceView referral, String productCategory,
                             Instant offeredAt, Instant acceptedAt, Instant declinedAt, String declineReason,
                             Instant careStartedAt, Instant careEndedAt) implements SharedView {
}
