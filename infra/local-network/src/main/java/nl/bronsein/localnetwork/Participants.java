package nl.bronsein.localnetwork;

import java.util.List;

/** The three participants of the local network: a GP practice, a municipality and a care provider. */
final class Participants {

    /**
     * One participant: its organisation name, network identifier, the certificate subject's serialNumber (KvK number or
     * OIN), role in the participant list, the stem of its files (certificate, key, log, data) and its node's jar.
     */
    record Participant(String name, String id, String serialNumber, String role, String stem, String nodeJar,
                       String label) {
    }

    static final Participant GP = new Participant("Huisartsenpraktijk De Linde", "urn:nld:kvk:12345678", "12345678",
            "GP_PRACTICE", "gp", "node-gp.jar", "GP practice node");

    static final Participant MUNICIPALITY = new Participant("Gemeente Zwolle", "urn:nld:oin:00000001001234567000",
            "00000001001234567000", "MUNICIPALITY", "municipality", "node-municipality.jar", "municipality node");

    static final Participant PROVIDER = new Participant("Zorg en Welzijn IJsselland", "urn:nld:kvk:87654321",
            "87654321", "PROVIDER", "provider", "node-provider.jar", "provider node");

    /** In start order; the participant list, the certificates and the logs follow it too. */
    static final List<Participant> ALL = List.of(GP, MUNICIPALITY, PROVIDER);

    private Participants() {
    }
}
