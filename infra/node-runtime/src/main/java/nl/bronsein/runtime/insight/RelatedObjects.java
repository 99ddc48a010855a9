package nl.bronsein.runtime.insight;

import java.util.List;
import java.util.UUID;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What a node knows of the objects at other owners that rest on, or follow from, one of its own objects: the GP's
 * referral is followed by the municipality's case and the provider's assignment, the municipality's case rests on the
 * GP's referral. A citizen's access report asks each of those owners who accessed them.
 */
@NodeApi
public interface RelatedObjects {

    /** Objects at other owners related to this node's own object; empty where it knows none. */
    List<ObjectReferenceView> heldElsewhere(String objectType, UUID objectId);
}
