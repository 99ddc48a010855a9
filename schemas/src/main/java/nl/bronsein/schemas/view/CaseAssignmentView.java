package nl.bronsein.schemas.view;

/**
 * The municipality's answer to the referring GP that asks, for purpose {@code assignment-verification}, whether a
 * provider that wants the referral for care delivery is the one the case is assigned to. Only what the question needs:
 * the referral the case rests on and the provider it is assigned to now (null when none is). It tells the GP nothing
 * the asking provider did not already claim, and it is not feedback: the GP is not notified of the case for it.
 */
public record CaseAssignmentView(String objectId, int version, String owner, ObjectReferenceView referral,
                                 String assignedProvider) implements SharedView {
}
