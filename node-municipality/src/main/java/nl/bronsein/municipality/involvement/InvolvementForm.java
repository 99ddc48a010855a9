package nl.bronsein.municipality.involvement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.domain.Bsn;

/**
 * An involvement as a wijkteam member records it: the citizen as the municipality holds them, since (and until) when,
 * the contact point the practice calls, the practice the citizen wants informed, and the citizen's consent. A
 * correction sends the same form without {@code consent}: consent is recorded once, and withdrawn by its own step.
 * Its nested records are named apart in the API document, where the referral's {@code Citizen} and {@code Consent} are.
 */
public record InvolvementForm(
        @NotNull @Valid Citizen citizen,
        @NotNull LocalDate since,
        LocalDate until,
        @NotNull UUID contactPointId,
        @NotBlank @Size(max = 100) String gpPractice,
        @Valid Consent consent) {

    @Schema(name = "InvolvementFormCitizen")
    public record Citizen(
            @NotBlank @Pattern(regexp = "^[0-9]{9}$", message = "must be 9 digits") String bsn,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Past LocalDate birthDate) {

        /** The elfproef, as the node checks every BSN ({@link Bsn}). */
        @AssertTrue(message = "must pass the elfproef")
        public boolean isBsn() {
            if (bsn == null || !bsn.matches("[0-9]{9}")) {
                return true; // the pattern says what is wrong
            }
            return Bsn.Elfproef.passes(bsn);
        }
    }

    /** The purposes are stored joined by commas in {@code varchar(300)}: at most ten codes of 29 characters. */
    @Schema(name = "InvolvementFormConsent")
    public record Consent(
            @NotNull @PastOrPresent Instant givenAt,
            @NotNull ConsentForm form,
            @NotEmpty @Size(max = 10) List<@NotNull @Size(max = 29) @Pattern(regexp = "^[a-z]+(-[a-z]+)*$", message = "must be a purpose code such as care-coordination") String> purposes) {
    }

    /** How the citizen gave consent, as at the GP: on a signed form, or orally to the wijkteam member. */
    public enum ConsentForm {
        SIGNED,
        ORAL
    }

    Involvement.Details details() {
        return new Involvement.Details(new Involvement.Citizen(citizen.bsn(), citizen.name(), citizen.birthDate()),
                since, until, contactPointId, gpPractice);
    }
}
