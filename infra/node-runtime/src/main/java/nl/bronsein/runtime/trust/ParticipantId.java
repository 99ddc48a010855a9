package nl.bronsein.runtime.trust;

import java.util.regex.Pattern;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A participant's network identifier as a URN, as the NL GOV profile for CloudEvents writes a {@code source}:
 * {@code urn:nld:oin:<20-digit OIN>} for a government body, {@code urn:nld:kvk:<8-digit KvK>} for others. It names
 * an organisation, never a person, so it may appear in notifications, keys and logs.
 */
@NodeApi
public record ParticipantId(String urn) {

    private static final Pattern FORMAT = Pattern.compile("urn:nld:(oin:\\d{20}|kvk:\\d{8})");

    public ParticipantId {
        if (urn == null || !FORMAT.matcher(urn).matches()) {
            throw new IllegalArgumentException("not a participant URN (urn:nld:oin:<20 digits> or urn:nld:kvk:<8 digits>): " + urn);
        }
    }

    public static ParticipantId of(String urn) {
        return new ParticipantId(urn);
    }

    public static boolean isValid(String urn) {
        return urn != null && FORMAT.matcher(urn).matches();
    }

    /** The bare number (OIN or KvK) that a PKIoverheid-style certificate carries in its subject {@code serialNumber}. */
    public String number() {
        return urn.substring(urn.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
        return urn;
    }
}
