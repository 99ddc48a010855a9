package nl.bronsein.schemas.view;

/**
 * The provider's answer to the referring GP that asks, for purpose {@code request-verification}, whether a municipality
 * that wants the referral for intake is the one the provider asked for an assignment on it. Only what the question
 * needs; the GP is not notified of the request for it.
 */
public record AssignmentRequestVerificationView(String objectId, int version, String owner, ObjectReferenceView referral,
                                                String municipality) implements SharedView {
}
