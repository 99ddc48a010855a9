package nl.bronsein.benchmark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import nl.bronsein.gp.referral.ReferralDraft;
import tools.jackson.databind.json.JsonMapper;

/**
 * The referral every change of the benchmark records: one citizen, one consent, addressed to the municipality. The
 * staff API gets it as this JSON; the in-process and plain-JDBC paths get the same values, read by the node's mapper.
 */
final class ReferralSample {

    /** When consent was given: an hour before the run, the same for every change. */
    static final Instant CONSENT_GIVEN = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    private static final String JSON = """
            {"citizen": {"bsn": "999993653", "name": "Geertruida de Vries-Bakker", "birthDate": "1944-03-12",
                         "address": {"street": "Dorpsstraat", "houseNumber": "12", "postalCode": "8011 AB",
                                     "city": "Zwolle-Assendorp"},
                         "phone": "038-4211234"},
             "contactPerson": {"name": "Marijke de Vries", "relation": "daughter (mantelzorger)", "phone": "06-87654321"},
             "consent": {"givenAt": "%s", "form": "SIGNED", "documentReference": "HIS-2026-0042",
                         "purposes": ["intake", "referral-feedback"]},
             "requestedSupport": "Wheelchair (Wmo maatwerkvoorziening)",
             "problemAnalysis": "Lives alone since her husband died; can no longer walk to the shops unaided",
             "urgency": "REGULAR",
             "contactPoint": {"name": "Huisartsenpraktijk De Linde - assistentie", "phone": "038-1234567",
                              "email": "assistentie@delinde.example"},
             "addressee": "%s"}
            """;

    private ReferralSample() {
    }

    static String json() {
        return JSON.formatted(CONSENT_GIVEN, Member.MUNICIPALITY.urn);
    }

    /** The same referral as the node reads it from the request body. */
    static ReferralDraft draft(JsonMapper nodeMapper) {
        return nodeMapper.readValue(json(), ReferralDraft.class);
    }
}
