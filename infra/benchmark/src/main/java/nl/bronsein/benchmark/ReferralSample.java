package nl.bronsein.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.staffclient.ReferralsApi;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The referral every change of the benchmark records: one citizen, one consent, addressed to the municipality. The
 * staff API gets it through the staff client; the in-process and plain-JDBC paths get the same values, read by the
 * node's mapper from the JSON the client sends.
 */
final class ReferralSample {

    /** When consent was given: an hour before the run, the same for every change. */
    static final Instant CONSENT_GIVEN = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    /** The referral as the HIS sends it to the staff API. */
    static ReferralsApi.ReferralDraft staffDraft() {
        return staffDraft(Member.MUNICIPALITY);
    }

    /** The same referral, sent to another municipality. */
    static ReferralsApi.ReferralDraft staffDraft(Member addressee) {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen("999993653", "Geertruida de Vries-Bakker", LocalDate.of(1944, 3, 12),
                        new ReferralsApi.Address("Dorpsstraat", "12", "8011 AB", "Zwolle-Assendorp"), "038-4211234"),
                new ReferralsApi.ContactPerson("Marijke de Vries", "daughter (mantelzorger)", "06-87654321"),
                new ReferralsApi.Consent(CONSENT_GIVEN, "SIGNED", "HIS-2026-0042",
                        List.of("intake", "referral-feedback")),
                "Wheelchair (Wmo maatwerkvoorziening)",
                "Lives alone since her husband died; can no longer walk to the shops unaided",
                "REGULAR",
                new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567",
                        "assistentie@delinde.example"),
                addressee.urn);
    }

    private ReferralSample() {
    }

    /** The same referral as the node reads it from the request body. */
    static ReferralDraft draft(JsonMapper nodeMapper) {
        return nodeMapper.readValue(StaffClient.json(staffDraft()), ReferralDraft.class);
    }
}
