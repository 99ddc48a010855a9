package nl.bronsein.gp.feedback;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.insight.RelatedObjects;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * The objects that follow one of our referrals at other owners — the municipality's case, the provider's assignment —
 * as the timeline follows them: a citizen's access report at our desk asks each of those owners who accessed them.
 */
@Component
class ReferralFollowers implements RelatedObjects {

    private final TimelineRepository timeline;

    ReferralFollowers(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    @Override
    public List<ObjectReferenceView> heldElsewhere(String objectType, UUID objectId) {
        return SharedObjectType.REFERRAL.code().equals(objectType) ? timeline.followedBy(objectId) : List.of();
    }
}
