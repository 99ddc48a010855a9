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
 * @param feedback     whether the addressee's progress is shared with the practice at all, and if not, why: without it
 *                     an empty timeline cannot be told from an addressee that has not started
 */
public record ReferralTimeline(List<Step> steps, List<Source> sources, ContactPointView contactPoint,
                               FeedbackSharing feedback) {

    /**
     * @param shared whether the practice may follow what happens to the referral (the purpose, e.g.
     *               {@code referral-feedback}, is covered by the citizen's consent and nothing was withdrawn)
     * @param reason why not, in words for the practice's staff; {@code null} when shared
     */
    public record FeedbackSharing(boolean shared, String reason) {

        static final FeedbackSharing SHARED = new FeedbackSharing(true, null);

        static FeedbackSharing notShared(String reason) {
            return new FeedbackSharing(false, reason);
        }
    }

    /**
     * @param sourceVersion the version of {@code source} in which the step happened: the earliest version known to show
     *                      it, from the event that announced the step or the first pull that showed it; a later pull
     *                      or event never raises it (docs/design.md, "A milestone cites the version in which its step
     *                      happened")
     */
    public record Step(Milestone milestone, String label, String detail, Instant at, ObjectReferenceView source,
                       int sourceVersion) {
    }

    /** An object at another participant that handles the referral, as last pulled or notified. */
    public record Source(ObjectReferenceView object, String ownerName, int version, String status, Instant pulledAt,
                         boolean withdrawn) {
    }
}
