package nl.bronsein.runtime.contactpoint;

import nl.bronsein.runtime.pull.PublishedObjectSource;
import nl.bronsein.schemas.SharedObjectType;

/**
 * This node's contact points as the pull server offers them (view {@code contact-points}): published to everyone, as a
 * function-level contact point holds no personal data.
 */
class ContactPointSource extends PublishedObjectSource {

    public static final String VIEW = "contact-points";

    public ContactPointSource(ContactPointRepository contactPoints) {
        super(SharedObjectType.CONTACT_POINT, VIEW, id -> contactPoints.find(id).map(ContactPoint::view));
    }
}
