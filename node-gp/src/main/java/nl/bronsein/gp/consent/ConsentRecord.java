package nl.bronsein.gp.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Toestemming: the citizen's explicit consent to a transfer, as the practice recorded it — when, how, the document
 * it rests on and the purposes it covers. It lives at the GP, the source; owners of other data check it through the
 * referral's intake view.
 */
public record ConsentRecord(UUID id, Instant givenAt, ConsentForm form, String documentReference, List<String> purposes,
                            ConsentStatus status, Instant withdrawnAt) {

    public ConsentRecord {
        purposes = List.copyOf(purposes);
    }

    public boolean covers(String purpose) {
        return status == ConsentStatus.GIVEN && purposes.contains(purpose);
    }
}
