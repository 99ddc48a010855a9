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
 * @param legalFramework   the law the referral is made under; null from a GP before youth care, whose referrals were Wmo
 * @param catalogueService the service of the addressee's catalogue the GP refers for (object type {@code service});
 *                         null when the referral names none, or the GP runs a release from before the catalogue
 */
public record ReferralIntakeView(String objectId, int version, String owner,
                                 @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ReferralStatus status, Instant recordedAt,
                                 Citizen citizen, ContactPerson contactPerson, Consent consent,
                                 String requestedSupport, String problemAnalysis, String urgency,
                                 ContactPointView contactPoint, String addressee,
                                 @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) LegalFramework legalFramework,
                                 ObjectReferenceView catalogueService) implements SharedView {

    /** A Wmo referral as views were before youth care and the catalogue; neither is said. */
    public ReferralIntakeView(String objectId, int version, String owner, ReferralStatus status, Instant recordedAt,
                              Citizen citizen, ContactPerson contactPerson, Consent consent, String requestedSupport,
                              String problemAnalysis, String urgency, ContactPointView contactPoint, String addressee) {
        this(objectId, version, owner, status, recordedAt, citizen, contactPerson, consent, requestedSupport,
                problemAnalysis, urgency, contactPoint, addressee, null, null);
    }

    public record Citizen(String bsn, String name, LocalDate birthDate, Address address, String phone) {
    }

    public record Address(String street, String houseNumber, String postalCode, String city) {
    }

    /** The client's contact person, e.g. the informal carer (mantelzorger). */
    public record ContactPerson(String name, String relation, String phone) {
    }

    /**
     * @param status  null when the GP serves a status added after this release: then the consent counts as not given
     * @param givenBy who consented: the citizen, or for a minor a parent with authority or a guardian, named; null from
     *                a GP before youth care, whose consents were the citizen's own
     */
    public record Consent(String objectId, Instant givenAt, String form, String documentReference,
                          List<String> purposes, @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ConsentStatus status, List<Giver> givenBy) {

        public Consent(String objectId, Instant givenAt, String form, String documentReference, List<String> purposes,
                       ConsentStatus status) {
            this(objectId, givenAt, form, documentReference, purposes, status, null);
        }
    }

    /** @param role null when the GP names a giver added after this release */
    public record Giver(@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ConsentGiverRole role, String name) {
    }
}
