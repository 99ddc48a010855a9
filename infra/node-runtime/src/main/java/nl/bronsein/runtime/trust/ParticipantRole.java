package nl.bronsein.runtime.trust;

/** The role a participant has in the network, as admitted by governance and published in the participant list. */
public enum ParticipantRole {
    /** Huisartsenpraktijk. */
    GP_PRACTICE,
    /** Gemeente. */
    MUNICIPALITY,
    /** Zorgaanbieder or welzijnsorganisatie. */
    PROVIDER
}
