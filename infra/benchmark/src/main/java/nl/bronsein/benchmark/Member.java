package nl.bronsein.benchmark;

import java.util.Locale;

/**
 * The participants of the benchmark network: the GP practice that records referrals, the municipality they go to, and
 * a second municipality, in the participant list and on the broker, whose traffic the first must not pay for
 * ({@code others-traffic}).
 */
enum Member {

    GP("Huisartsenpraktijk De Linde", "urn:nld:kvk:12345678", "GP_PRACTICE"),
    MUNICIPALITY("Gemeente Zwolle", "urn:nld:oin:00000001001234567000", "MUNICIPALITY"),
    OTHER_MUNICIPALITY("Gemeente Deventer", "urn:nld:oin:00000001001234568000", "MUNICIPALITY");

    final String organisation;
    final String urn;
    final String role;

    Member(String organisation, String urn, String role) {
        this.organisation = organisation;
        this.urn = urn;
        this.role = role;
    }

    /** The stem of its certificate and key files. */
    String stem() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The certificate subject's serialNumber: KvK number or OIN. */
    String number() {
        return urn.substring(urn.lastIndexOf(':') + 1);
    }
}
