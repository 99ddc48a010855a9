package nl.bronsein.schemas.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The GP's referral as the addressed municipality sees it for purpose {@code intake}: what it needs to take the
 * referral in, with the consent it rests on. Personal data: only ever sent over an authorised pull.
 */
public record ReferralIntakeView(String objectId, int version, String owner, String status, Instant recordedAt,
                                 Citizen citizen, ContactPerson contactPerson, Consent consent,
                                 String requestedSupport, String problemAnalysis, String urgency,
                                 ContactPointView contactPoint, String addressee) implements SharedView {

    public record Citizen(String bsn, String name, LocalDate birthDate, Address address, String phone) {
    }

    public record Address(String street, String houseNumber, String postalCode, String city) {
    }

    /** The client's contact person, e.g. the informal carer (mantelzorger). */
    public record ContactPerson(String name, String relation, String phone) {
    }

    public record Consent(String objectId, Instant givenAt, String form, String documentReference,
                          List<String> purposes, String status) {
    }
}
