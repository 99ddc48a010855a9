package nl.bronsein.schemas.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The GP's referral as the addressed municipality sees it for purpose {@code intake}: what it needs to take the
 * referral in, with the consent it rests on. Personal data: only ever sent over an authorised pull.
 *
 * @param status           null when the GP serves a status added after this release (see {@link ReferralStatus})
 * @param catalogueService the service of the addressee's catalogue the GP refers for (object type {@code service});
 *                         null when the referral names none, or the GP runs a release from before the catalogue
 */
public record ReferralIntakeView(String objectId, int version, String owner,
                                 @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ReferralStatus status, Instant recordedAt,
                                 Citizen citizen, ContactPerson contactPerson, Consent consent,
                                 String requestedSupport, String problemAnalysis, String urgency,
                                 ContactPointView contactPoint, String addressee,
                                 ObjectReferenceView catalogueService) implements SharedView {

    public record Citizen(String bsn, String name, LocalDate birthDate, Address address, String phone) {
    }

    public record Address(String street, String houseNumber, String postalCode, String city) {
    }

    /** The client's contact person, e.g. the informal carer (mantelzorger). */
    public record ContactPerson(String name, String relation, String phone) {
    }

    /** @param status null when the GP serves a status added after this release: then the consent counts as not given */
    public record Consent(String objectId, Instant givenAt, String form, String documentReference,
                          List<String> purposes, @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ConsentStatus status) {
    }
}
