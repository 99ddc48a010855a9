package nl.bronsein.municipality.involvement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementStatus;

/**
 * Betrokkenheid: the wijkteam is involved with a citizen and, with the citizen's consent, tells the citizen's GP
 * practice so — also when that practice never referred (issue 18). The municipality owns it; the practice named pulls
 * it for {@code care-coordination}. Every step returns the next version or refuses ({@link InvolvementLifecycle}); the
 * involvement never changes in place.
 *
 * @param details what the wijkteam member recorded and may correct; shown flat, as the form takes it. The nested
 *                records are named apart in the API document, which names a nested record by its simple name and
 *                already has the referral's {@code Citizen} and {@code Consent}
 * @param consent the citizen's consent as recorded at the municipality
 * @param endedAt when the involvement ended, once it did
 */
public record Involvement(UUID id, int version, InvolvementStatus status, @JsonUnwrapped Details details, Consent consent,
                          Instant startedAt, Instant endedAt) {

    /**
     * @param since          the day the wijkteam became involved
     * @param until          the end the wijkteam expects, if any; the involvement ends only by the end step
     * @param contactPointId a published contact point of this municipality: whom the practice calls
     * @param gpPractice     the participant id of the practice to inform, as the citizen named it
     */
    public record Details(Citizen citizen, LocalDate since, LocalDate until, UUID contactPointId, String gpPractice) {
    }

    /** The citizen as the municipality holds it (BRP): enough for the practice to find its patient. */
    @Schema(name = "InvolvementCitizen")
    public record Citizen(String bsn, String name, LocalDate birthDate) {
    }

    /**
     * @param form        how it was given: {@code SIGNED} or {@code ORAL}, as at the GP
     * @param withdrawnAt when the citizen withdrew it, once they did
     */
    @Schema(name = "InvolvementRecordedConsent")
    public record Consent(Instant givenAt, String form, List<String> purposes, ConsentStatus status,
                          Instant withdrawnAt) {

        public Consent {
            purposes = List.copyOf(purposes);
        }

        Consent withdrawn(Instant at) {
            return new Consent(givenAt, form, purposes, ConsentStatus.WITHDRAWN, at);
        }
    }

    static Involvement started(Details details, Consent consent, Instant at) {
        return new Involvement(UUID.randomUUID(), 1, InvolvementStatus.ACTIVE, details, consent, at, null);
    }

    /** New details, same status: corrections are only made while there is something to share on. */
    Involvement corrected(Details corrected) {
        check(InvolvementLifecycle.Step.CORRECT);
        return new Involvement(id, version + 1, status, corrected, consent, startedAt, endedAt);
    }

    Involvement end(Instant at) {
        check(InvolvementLifecycle.Step.END);
        return new Involvement(id, version + 1, InvolvementStatus.ENDED, details, consent, startedAt, at);
    }

    Involvement withdrawConsent(Instant at) {
        check(InvolvementLifecycle.Step.WITHDRAW_CONSENT);
        return new Involvement(id, version + 1, status, details, consent.withdrawn(at), startedAt, endedAt);
    }

    private void check(InvolvementLifecycle.Step step) {
        if (!InvolvementLifecycle.allows(status, consent.status(), step)) {
            throw new IllegalTransitionException("an involvement that is " + status
                    + (consent.status() == ConsentStatus.WITHDRAWN ? " with its consent withdrawn" : "")
                    + " cannot be " + step.done());
        }
    }
}
