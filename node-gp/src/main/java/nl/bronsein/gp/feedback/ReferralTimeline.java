package nl.bronsein.gp.feedback;

import java.time.Instant;
import java.util.List;

import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What the practice knows of a referral's progress, built only from notifications and authorised pulls; every step
 * names the object (owner, type, id, version) it was learned from. Nothing here is another participant's data passed
 * off as the practice's own.
 *
 * @param contactPoint the function-level contact point of whoever handles the referral now, as currently published
 */
public record ReferralTimeline(List<Step> steps, List<Source> sources, ContactPointView contactPoint) {

    public record Step(Milestone milestone, String label, String detail, Instant at, ObjectReferenceView source,
                       int sourceVersion) {
    }

    /** An object at another participant that handles the referral, as last pulled or notified. */
    public record Source(ObjectReferenceView object, String ownerName, int version, String status, Instant pulledAt,
                         boolean withdrawn) {
    }
}
