package nl.bronsein.schemas.view;

/**
 * Who gave a consent (WGBO, art. 7:450 and 7:465 BW): the citizen or young person themself, a parent with parental
 * authority (gezag), or a guardian (voogd) who has the authority instead of the parents. One vocabulary for the GP's
 * record and the views; constants are only appended.
 */
public enum ConsentGiverRole {
    CITIZEN,
    PARENT_WITH_AUTHORITY,
    GUARDIAN;

    /** Whether this giver decides for a minor. */
    public boolean hasAuthority() {
        return this == PARENT_WITH_AUTHORITY || this == GUARDIAN;
    }
}
