package nl.bronsein.runtime.inbox;

public enum InboxStatus {
    /** Stored, not yet handled (or waiting for a retry). */
    RECEIVED,
    HANDLED,
    /** Cannot be handled as it stands (refused pull, unreadable body): kept with the reason, never blocks others. */
    PARKED
}
