package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The GP's referral as the provider a municipality assigned its case to sees it for purpose {@code care-delivery}: what
 * the provider needs to deliver the care — who the citizen is, the informal carer, the requested support, the urgency,
 * the practice to call — and the consent it rests on. The GP's problem analysis only in the view {@code
 * care-delivery-with-analysis}, where the GP's policy shares it. Pulled from the GP, which owns it, never from the
 * municipality that pulled it before.
 *
 * @param status null when the GP serves a status added after this release (see {@link ReferralStatus})
 * @param legalFramework the law the referral is made under; null from a GP before youth care (Wmo)
 */
public record ReferralCareDeliveryView(String objectId, int version, String owner,
                                       @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ReferralStatus status, Instant recordedAt,
                                       ReferralIntakeView.Citizen citizen, ReferralIntakeView.ContactPerson contactPerson,
                                       ReferralIntakeView.Consent consent, String requestedSupport,
                                       String problemAnalysis, String urgency, ContactPointView contactPoint,
                                       @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) LegalFramework legalFramework)
        implements SharedView {

    /** A Wmo referral as views were before youth care; the law is not said. */
    public ReferralCareDeliveryView(String objectId, int version, String owner, ReferralStatus status, Instant recordedAt,
                                    ReferralIntakeView.Citizen citizen, ReferralIntakeView.ContactPerson contactPerson,
                                    ReferralIntakeView.Consent consent, String requestedSupport, String problemAnalysis,
                                    String urgency, ContactPointView contactPoint) {
        this(objectId, version, owner, status, recordedAt, citizen, contactPerson, consent, requestedSupport,
                problemAnalysis, urgency, contactPoint, null);
    }
}
