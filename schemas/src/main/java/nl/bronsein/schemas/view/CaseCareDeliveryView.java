package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The municipality's case as the assigned provider sees it for purpose {@code care-delivery}: the municipality's own
 * data — its decision, the assignment, the wijkteam to call — and a reference to the GP's referral it rests on. Nothing
 * of the referral itself: the provider pulls what it needs of that (the citizen, the informal carer, the requested
 * support, the consent) from the GP, which owns it (issue 16: "doorleveren is niet toegestaan"). Until then the
 * municipality handed its pulled copy of the citizen's data on to the provider.
 *
 * @param request the youth-care provider's request for an assignment the case answers (Jeugdwet), or null
 */
public record CaseCareDeliveryView(String objectId, int version, String owner,
                                   @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) CaseStatus status,
                                   ObjectReferenceView referral, String assignedProvider, Instant assignedAt,
                                   DecisionView decision, ContactPointView contactPoint,
                                   ObjectReferenceView contactPointRef, ObjectReferenceView request) implements SharedView {

    /** A case opened on a GP's referral addressed to the municipality: it answers no provider's request. */
    public CaseCareDeliveryView(String objectId, int version, String owner, CaseStatus status,
                                ObjectReferenceView referral, String assignedProvider, Instant assignedAt,
                                DecisionView decision, ContactPointView contactPoint, ObjectReferenceView contactPointRef) {
        this(objectId, version, owner, status, referral, assignedProvider, assignedAt, decision, contactPoint,
                contactPointRef, null);
    }
}
