package nl.bronsein.gp.consent;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Who gave a consent: the citizen themself, or for a minor a parent with parental authority (gezag) or a guardian
 * (voogd), named, since the practice must be able to show whose consent it rests on (WGBO, art. 7:450 and 7:465 BW).
 */
public record ConsentGiver(@NotNull Role role, @Size(max = 200) String name) {

    public enum Role {
        /** The citizen, or the young person, themself. */
        CITIZEN,
        /** A parent with parental authority (ouder met gezag). */
        PARENT_WITH_AUTHORITY,
        /** A guardian (voogd), e.g. a certified institution, who has the authority instead of the parents. */
        GUARDIAN;

        boolean hasAuthority() {
            return this == PARENT_WITH_AUTHORITY || this == GUARDIAN;
        }
    }

    /** The citizen is in the record already; someone giving consent on their behalf is named. */
    @AssertTrue(message = "a parent or guardian giving consent is named")
    public boolean isNamedWhenNotTheCitizen() {
        return role != Role.PARENT_WITH_AUTHORITY && role != Role.GUARDIAN || (name != null && !name.isBlank());
    }

    /** The citizen's own consent, as every consent recorded before the age rules were. */
    public static ConsentGiver citizen() {
        return new ConsentGiver(Role.CITIZEN, null);
    }
}
