package nl.bronsein.schemas.view;

import java.time.Instant;

/**
 * The municipality's case as the referring GP sees it for purpose {@code referral-feedback} (terugkoppeling): the
 * status and when each step happened, the wijkteam's function-level contact point — not the wijkteam's notes.
 */
public record CaseFeedbackView(String objectId, int version, String owner, String status, ObjectReferenceView referral,
                               Instant receivedAt, Instant pickedUpAt, ContactPointView contactPoint) {
}
