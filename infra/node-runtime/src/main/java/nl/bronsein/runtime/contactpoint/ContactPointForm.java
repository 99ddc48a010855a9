package nl.bronsein.runtime.contactpoint;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.bronsein.schemas.view.ContactPointView;

/**
 * A contact point's details as the staff API takes them: a desk's or a team's, not a person's own mobile number. The
 * same rules as the wijkteam contact point of a case.
 *
 * @param effectiveFrom when the details take effect; absent for now
 */
public record ContactPointForm(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) @Pattern(regexp = "^\\+?[0-9][0-9 -]{5,18}$", message = "must be a phone number") String phone,
        @Size(max = 200) @Email String email,
        Instant effectiveFrom) {

    @AssertTrue(message = "a contact point needs a phone number or an e-mail address")
    public boolean isReachable() {
        return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
    }

    public ContactPointView details() {
        return new ContactPointView(name, phone, email);
    }
}
