package nl.bronsein.network;

/** The participants of the test network. */
enum Participants {

    GP("urn:nld:kvk:12345678", "GP_PRACTICE", "Huisartsenpraktijk De Linde", "gp"),
    MUNICIPALITY("urn:nld:oin:00000001001234567000", "MUNICIPALITY", "Gemeente Zwolle", "municipality"),
    /** Delivers wheelchairs for the municipality, and welfare coaching to whoever a GP refers directly. */
    PROVIDER("urn:nld:kvk:87654321", "PROVIDER", "Zorg en Welzijn IJsselland", "provider"),
    /** Listed, but involved in nothing: the need-to-know rule must keep it out. */
    OTHER_MUNICIPALITY("urn:nld:oin:00000001009876543000", "MUNICIPALITY", "Gemeente Kampen", "other-municipality");

    final String urn;
    final String role;
    final String organisation;
    final String stem;

    Participants(String urn, String role, String organisation, String stem) {
        this.urn = urn;
        this.role = role;
        this.organisation = organisation;
        this.stem = stem;
    }

    /** This participant's inbox topic: what the network addresses to it, and nothing else. */
    String inbox() {
        return nl.bronsein.schemas.NotificationTopics.inbox(role, urn);
    }

    String number() {
        return urn.substring(urn.lastIndexOf(':') + 1);
    }
}
