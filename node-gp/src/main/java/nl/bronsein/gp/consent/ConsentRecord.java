package nl.bronsein.gp.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ConsentStatus;

/**
 * Toestemming: the citizen's explicit consent to a transfer, as the practice recorded it — when, how, the document
 * it rests on, the purposes it covers and who gave it (the citizen, or for a minor a parent or guardian). It lives at
 * the GP, the source; owners of other data check it through the referral's intake view.
 */
public record ConsentRecord(UUID id, Instant givenAt, ConsentForm form, String documentReference, List<String> purposes,
                            List<ConsentGiver> givenBy, ConsentStatus status, Instant withdrawnAt) {

    public ConsentRecord {
        purposes = List.copyOf(purposes);
        givenBy = List.copyOf(givenBy);
    }

    /** Intrekking: from now on nothing is shared for any purpose this consent covered. */
    public ConsentRecord withdraw(Instant at) {
        if (status == ConsentStatus.WITHDRAWN) {
            throw new IllegalTransitionException("the consent was already withdrawn");
        }
        return new ConsentRecord(id, givenAt, form, documentReference, purposes, givenBy, ConsentStatus.WITHDRAWN, at);
    }

    public boolean covers(String purpose) {
        return status == ConsentStatus.GIVEN && purposes.contains(purpose);
    }

    /** What the age rules find missing from who gave it, for a citizen born on {@code birthDate}, on {@code day}. */
    public Optional<String> shortfall(LocalDate birthDate, LocalDate day) {
        return ConsentByAge.shortfall(birthDate, givenBy.stream().map(ConsentGiver::role).toList(), day);
    }
}
