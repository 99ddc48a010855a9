package nl.bronsein.runtime.copy;

import java.time.Instant;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Another participant's object as this node pulled it: never ours, so always kept with where it came from (owner,
 * type, id, version), when, and for which purpose — the node's record of its legal basis for holding it. Consumers may
 * not alter or forward it.
 *
 * @param withdrawal set once the owner notified that the object, or the consent it rests on, was withdrawn; from then
 *                   the copy is kept as evidence only and is not pulled again
 */
public record PulledCopy<T>(String owner, SharedObjectType objectType, String objectId, int version, String purpose,
                            Instant pulledAt, T content, Withdrawal withdrawal, Instant withdrawnAt) {

    public ObjectReferenceView reference() {
        return new ObjectReferenceView(owner, objectType.code(), objectId);
    }

    public boolean withdrawn() {
        return withdrawal != null;
    }

    /** Why a pulled copy no longer counts. */
    public enum Withdrawal {
        /** The owner withdrew the object itself (e.g. the GP withdrew the referral). */
        OBJECT_WITHDRAWN,
        /** The citizen withdrew the consent the object was shared on. */
        CONSENT_WITHDRAWN
    }
}
