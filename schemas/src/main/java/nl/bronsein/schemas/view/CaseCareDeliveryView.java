package nl.bronsein.schemas.view;

import java.time.Instant;

/**
 * The municipality's case as the assigned provider sees it for purpose {@code care-delivery}: what the provider needs
 * to deliver the product — who the citizen is, the informal carer, the product, the wijkteam to call — and the
 * consent it rests on. The GP's problem analysis is only present in the view {@code care-delivery-with-analysis},
 * for municipalities whose policy shares it.
 */
public record CaseCareDeliveryView(String objectId, int version, String owner, String status,
                                   ObjectReferenceView referral, String assignedProvider, Instant assignedAt,
                                   DecisionView decision, ReferralIntakeView.Citizen citizen,
                                   ReferralIntakeView.ContactPerson contactPerson, ReferralIntakeView.Consent consent,
                                   String requestedSupport, String problemAnalysis, String urgency,
                                   ContactPointView contactPoint, ObjectReferenceView contactPointRef)
        implements SharedView {
}
