package nl.bronsein.schemas.view;

import java.time.Instant;
import java.util.List;

/**
 * Who accessed one object at its owner, from the owner's processing log, for purpose {@code citizen-insight}: so that a
 * desk where the citizen asks (their GP practice, the municipality) can show them every access across the network, each
 * fetched at its source. Participants only: a staff member of the owner is named as the owner, and nothing of the
 * object itself is in it. It is no version of the object (no {@link SharedView}): it is the owner's log as it stands.
 *
 * @param accesses every pull of the object and every staff read of it at the owner, allowed or refused, in order
 */
public record ProcessingRecordsView(String objectId, String owner, String objectType, List<Access> accesses) {

    /** The view's name in a pull policy; the runtime serves it for any object type. */
    public static final String VIEW = "processing-records";

    /**
     * @param party   the participant's URN; the owner itself for a read by its own staff
     * @param action  {@code pull} or {@code staff-read}
     * @param purpose the purpose the party stated; null for a staff read
     * @param outcome ALLOWED, or why it was refused (NOT_INVOLVED, PURPOSE_NOT_ALLOWED, NO_CONSENT, WITHDRAWN, …)
     */
    public record Access(Instant at, String party, String action, String purpose, String outcome) {
    }
}
