package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The municipality's case as the referring GP sees it for purpose {@code referral-feedback} (terugkoppeling): the
 * status and when each step happened, the decision, which provider, the conclusion, the wijkteam's function-level
 * contact point — not the wijkteam's notes, not the citizen's data (the GP has those at its source).
 *
 * @param status null when the municipality serves a status added after this release (see {@link CaseStatus})
 * @param contactPointRef the municipality's published contact point the case names; {@code contactPoint} holds its
 *                        details as they were when pulled
 * @param assignedProvider the provider's participant id once assigned (toewijzing)
 * @param returnedTo the municipality where the citizen lives, when returned (woonplaatsbeginsel)
 */
public record CaseFeedbackView(String objectId, int version, String owner,
                               @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) CaseStatus status,
                               ObjectReferenceView referral, Instant receivedAt, Instant pickedUpAt,
                               ContactPointView contactPoint, ObjectReferenceView contactPointRef, DecisionView decision,
                               String assignedProvider, Instant assignedAt, String conclusion, Instant concludedAt,
                               String returnedTo, Instant returnedAt, Instant closedAt) implements SharedView {
}
