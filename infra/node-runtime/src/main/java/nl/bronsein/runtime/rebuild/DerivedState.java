package nl.bronsein.runtime.rebuild;

import nl.bronsein.runtime.api.NodeApi;

/**
 * What a node knows of other participants' objects, derived from their notifications and pulls and nothing else
 * (e.g. the GP's timeline). A node module contributes one for its own derived tables; a rebuild forgets it and lets the
 * topics and pulls build it again. A node's own objects are never derived state.
 */
@NodeApi
public interface DerivedState {

    /** Forgets it, inside the rebuild's transaction. */
    void forget();
}
