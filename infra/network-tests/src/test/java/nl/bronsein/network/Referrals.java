package nl.bronsein.network;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import nl.bronsein.staffclient.ReferralsApi;

/** Test referrals: Mrs De Vries (82) needs a wheelchair. Every personal value here is scanned for on the wire and in logs. */
final class Referrals {

    static final String BSN = "999993653";
    static final String NAME = "Geertruida de Vries-Bakker";
    static final String BIRTH_DATE = "1944-03-12";
    static final String STREET = "Dorpsstraat";
    static final String POSTAL_CODE = "8011 AB";
    static final String CITY = "Zwolle-Assendorp";
    static final String PHONE = "038-4211234";
    static final String CONTACT_PERSON = "Marijke de Vries";
    static final String CONTACT_PERSON_PHONE = "06-87654321";
    static final String PROBLEM = "Lives alone since her husband died; can no longer walk to the shops unaided";
    static final String REQUESTED_SUPPORT = "Wheelchair (Wmo maatwerkvoorziening)";

    private Referrals() {
    }

    static Map<String, Object> deVries(String addressee, List<String> purposes) {
        return Map.of(
                "citizen", Map.of("bsn", BSN, "name", NAME, "birthDate", BIRTH_DATE,
                        "address", Map.of("street", STREET, "houseNumber", "12", "postalCode", POSTAL_CODE, "city", CITY),
                        "phone", PHONE),
                "contactPerson", Map.of("name", CONTACT_PERSON, "relation", "daughter (mantelzorger)", "phone", CONTACT_PERSON_PHONE),
                "consent", Map.of("givenAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "form", "SIGNED",
                        "documentReference", "HIS-2026-0042", "purposes", purposes),
                "requestedSupport", REQUESTED_SUPPORT,
                "problemAnalysis", PROBLEM,
                "urgency", "REGULAR",
                "contactPoint", Map.of("name", "Huisartsenpraktijk De Linde - assistentie", "phone", "038-1234567",
                        "email", "assistentie@delinde.example"),
                "addressee", addressee);
    }

    /** The same referral as the GP's own system sends it through the staff client. */
    static ReferralsApi.ReferralDraft deVriesDraft(String addressee, List<String> purposes) {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen(BSN, NAME, LocalDate.parse(BIRTH_DATE),
                        new ReferralsApi.Address(STREET, "12", POSTAL_CODE, CITY), PHONE),
                new ReferralsApi.ContactPerson(CONTACT_PERSON, "daughter (mantelzorger)", CONTACT_PERSON_PHONE),
                new ReferralsApi.Consent(Instant.now().minus(1, ChronoUnit.HOURS), "SIGNED", "HIS-2026-0042", purposes),
                REQUESTED_SUPPORT, PROBLEM, "REGULAR",
                new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567",
                        "assistentie@delinde.example"),
                addressee);
    }

    static String deVriesJson(String addressee, List<String> purposes) {
        return TestNetwork.JSON.writeValueAsString(deVries(addressee, purposes));
    }

    static String deVriesJson() {
        return deVriesJson(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
    }

    /** Every way the personal data of the test citizen could show up in text. */
    static List<String> personalValues() {
        return List.of(BSN, NAME, "de Vries", BIRTH_DATE, "12-03-1944", "12031944", STREET, POSTAL_CODE, "8011AB", CITY, PHONE,
                "0384211234", CONTACT_PERSON, CONTACT_PERSON_PHONE, PROBLEM, "husband", "walk to the shops",
                REQUESTED_SUPPORT);
    }
}
