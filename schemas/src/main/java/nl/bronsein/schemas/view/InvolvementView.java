package nl.bronsein.schemas.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The municipality's involvement with a citizen as the GP practice it names sees it for purpose {@code
 * care-coordination}: that the wijkteam helps this patient, since and until when, and the function-level contact point
 * to call — not the wijkteam's notes. The citizen is identified as the municipality holds it, so the practice can find
 * its patient. Personal data: only ever sent over an authorised pull, with the citizen's consent.
 *
 * @param status          null when the municipality serves a status added after this release (see {@link InvolvementStatus})
 * @param until           the end the wijkteam expects, if it named one; {@code endedAt} is when it actually ended
 * @param contactPointRef the municipality's published contact point; {@code contactPoint} holds its details as they
 *                        were when pulled
 * @param gpPractice      the participant id of the practice the wijkteam informs: the only one that may pull this
 */
public record InvolvementView(String objectId, int version, String owner,
                              @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) InvolvementStatus status,
                              InvolvedCitizen citizen, LocalDate since, LocalDate until, Instant endedAt,
                              ContactPointView contactPoint, ObjectReferenceView contactPointRef, String gpPractice,
                              InvolvementConsent consent) implements SharedView {

    /** Named apart from the referral's {@code Citizen}: an API document names a nested record by its simple name. */
    public record InvolvedCitizen(String bsn, String name, LocalDate birthDate) {
    }

    /**
     * The consent as recorded at the municipality.
     *
     * @param status null when the municipality serves a status added after this release: then it counts as not given
     */
    public record InvolvementConsent(Instant givenAt, String form, List<String> purposes,
                          @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ConsentStatus status) {
    }
}
