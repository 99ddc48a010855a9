package nl.bronsein.gp.consent;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.bronsein.schemas.view.ConsentGiverRole;

/**
 * Who gave a consent: the citizen themself, or for a minor a parent with parental authority (gezag) or a guardian
 * (voogd), named, since the practice must be able to show whose consent it rests on (WGBO, art. 7:450 and 7:465 BW).
 */
public record ConsentGiver(@NotNull ConsentGiverRole role, @Size(max = 200) String name) {

    /** The citizen is in the record already; someone giving consent on their behalf is named. */
    @AssertTrue(message = "a parent or guardian giving consent is named")
    public boolean isNamedWhenNotTheCitizen() {
        return role == null || !role.hasAuthority() || (name != null && !name.isBlank());
    }

    /** The citizen's own consent, as every consent recorded before the age rules were. */
    public static ConsentGiver citizen() {
        return new ConsentGiver(ConsentGiverRole.CITIZEN, null);
    }
}
