package nl.bronsein.gp.feedback;

import java.time.Instant;
import java.util.List;

import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What the practice knows of a referral's progress, built only from notifications and authorised pulls, each fact
 * with the object it was learned from. Nothing here is the municipality's data passed off as the practice's own.
 */
public record ReferralProgress(ObjectReferenceView handledIn, int handledInVersion, String status,
                               ContactPointView contactPoint, Instant pulledAt, List<MilestoneReached> milestones) {

    public record MilestoneReached(Milestone milestone, String label, Instant at, ObjectReferenceView source, int sourceVersion) {
    }
}
