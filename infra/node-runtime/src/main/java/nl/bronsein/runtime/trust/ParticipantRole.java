package nl.bronsein.runtime.trust;

import nl.bronsein.runtime.api.NodeApi;

/** The role a participant has in the network, as admitted by governance and published in the participant list. */
@NodeApi
public enum ParticipantRole {
    /** Huisartsenpraktijk. */
    GP_PRACTICE,
    /** Gemeente. */
    MUNICIPALITY,
    /** Zorgaanbieder or welzijnsorganisatie. */
    PROVIDER
}
