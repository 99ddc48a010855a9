package nl.bronsein.gp.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import nl.bronsein.runtime.domain.Bsn;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.consent.ConsentGiver;
import nl.bronsein.runtime.domain.Bsn;
import nl.bronsein.schemas.view.LegalFramework;

/**
 * A referral as the practice (GP or assistant) records it through its HIS: who, with what consent, what is asked, why
 * (non-medical), how urgently, whom to call back, to whom it goes, under which law (Wmo when not said: every referral
 * before youth care was one), and — if the GP chose one — which service of the addressee's catalogue it is for.
 *
 * @param catalogueService absent when the referral names no service; clients from before the catalogue send none
 */
public record ReferralDraft(
        @NotNull @Valid Citizen citizen,
        @Valid ContactPerson contactPerson,
        @NotNull @Valid Consent consent,
        @NotBlank @Size(max = 500) String requestedSupport,
        /* Only the social problem, factual; the GP leaves medical information out (privacy rules, DOMAIN.md §5). */
        @NotBlank @Size(max = 2000) String problemAnalysis,
        @NotNull Urgency urgency,
        @NotNull @Valid ContactPoint contactPoint,
        @NotBlank @Size(max = 100) String addressee,
        LegalFramework legalFramework,
        @Valid CatalogueServiceReference catalogueService) {

    public ReferralDraft {
        legalFramework = legalFramework == null ? LegalFramework.WMO : legalFramework;
    }

    /** A Wmo referral naming no service, for the positional places that build one from its parts. */
    public ReferralDraft(Citizen citizen, ContactPerson contactPerson, Consent consent, String requestedSupport,
                         String problemAnalysis, Urgency urgency, ContactPoint contactPoint, String addressee) {
        this(citizen, contactPerson, consent, requestedSupport, problemAnalysis, urgency, contactPoint, addressee, null,
                null);
    }

    private static final String PHONE = "^\\+?[0-9][0-9 -]{5,18}$";

    public record Citizen(
            @NotBlank @Bsn String bsn,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Past LocalDate birthDate,
            @NotNull @Valid Address address,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    public record Address(
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Size(max = 20) String houseNumber,
            @NotBlank @Pattern(regexp = "^[1-9][0-9]{3} ?[A-Z]{2}$", message = "must be a Dutch postal code such as 8011 AB") String postalCode,
            @NotBlank @Size(max = 100) String city) {
    }

    /** The client's contact person, e.g. the informal carer (mantelzorger). */
    public record ContactPerson(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String relation,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    /**
     * The purposes are stored joined by commas in one column, {@code consent_record.purposes varchar(300)}: ten codes of
     * at most 29 characters and their nine commas make 299. A longer list or code was a 500 from the database.
     *
     * <p>{@code givenBy}: who consented; the citizen when not said (absent or empty). For a minor the age rules ask for a parent with
     * authority or a guardian, and from 12 the child too ({@code ConsentByAge}).
     */
    public record Consent(
            @NotNull @PastOrPresent Instant givenAt,
            @NotNull ConsentForm form,
            @Size(max = 100) String documentReference,
            @NotEmpty @Size(max = MAX_PURPOSES) List<@NotNull @Size(max = MAX_PURPOSE_LENGTH) @Pattern(regexp = "^[a-z]+(-[a-z]+)*$", message = "must be a purpose code such as intake") String> purposes,
            @Size(max = MAX_GIVERS) List<@NotNull @Valid ConsentGiver> givenBy) {

        public static final int MAX_PURPOSES = 10;
        public static final int MAX_PURPOSE_LENGTH = 29;
        /** The citizen, two parents and a guardian at most. */
        public static final int MAX_GIVERS = 4;

        public Consent {
            // not said, as older clients and generated ones (which send an empty list) do: the citizen's own
            givenBy = givenBy == null || givenBy.isEmpty() ? List.of(ConsentGiver.citizen()) : givenBy;
        }

        public Consent(Instant givenAt, ConsentForm form, String documentReference, List<String> purposes) {
            this(givenAt, form, documentReference, purposes, null);
        }

        /** A signed form is only evidence if it can be found again. */
        @AssertTrue(message = "a signed consent needs its document reference")
        public boolean isDocumentedWhenSigned() {
            return form != ConsentForm.SIGNED || (documentReference != null && !documentReference.isBlank());
        }
    }

    /** Function-level: the desk or team to call back, not a person's own mobile number. */
    public record ContactPoint(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
            @Size(max = 200) @Email String email) {

        @AssertTrue(message = "a contact point needs a phone number or an e-mail address")
        public boolean isReachable() {
            return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
        }
    }

    /**
     * A service of the addressed municipality's catalogue, by reference: the municipality that publishes it and the
     * service's id, as the practice's catalogue (GET /api/v1/catalogue) shows them.
     */
    public record CatalogueServiceReference(
            @NotBlank @Size(max = 100) String owner,
            @NotBlank @Size(max = 36) String serviceId) {
    }
}
