package nl.bronsein.municipality.cases;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.insight.RelatedObjects;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * The GP's referral a case rests on: a citizen's access report at our desk asks the GP who accessed it.
 */
@Component
class CaseBasis implements RelatedObjects {

    private final CaseRepository cases;

    CaseBasis(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    public List<ObjectReferenceView> heldElsewhere(String objectType, UUID objectId) {
        if (!SharedObjectType.CASE.code().equals(objectType)) {
            return List.of();
        }
        return cases.find(objectId).map(c -> List.of(new ObjectReferenceView(c.referralOwner(),
                SharedObjectType.REFERRAL.code(), c.referralId()))).orElse(List.of());
    }
}
