package nl.bronsein.gp.consent;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Optional;

import nl.bronsein.schemas.view.ConsentGiverRole;

/**
 * Whose consent the law asks for a citizen of a given age (WGBO, art. 7:450 and 7:465 BW): under 12 a parent with
 * authority or a guardian decides; from 12 to 15 both the child and a parent with authority or a guardian; from 16 the
 * young person alone. The age counts on the day a consent is used, not only the day it was given: a consent that the
 * parents gave for an eleven-year-old no longer carries a pull once the child is twelve and has not consented too.
 */
public final class ConsentByAge {

    private ConsentByAge() {
    }

    /** What is missing from the consent of these givers for a citizen born on {@code birthDate}, on {@code day}. */
    public static Optional<String> shortfall(LocalDate birthDate, Collection<ConsentGiverRole> givers, LocalDate day) {
        int age = Period.between(birthDate, day).getYears();
        boolean citizen = givers.contains(ConsentGiverRole.CITIZEN);
        boolean authority = givers.stream().anyMatch(ConsentGiverRole::hasAuthority);
        if (age < 12) {
            return authority ? Optional.empty()
                    : Optional.of("a child under 12 needs the consent of a parent with authority or a guardian");
        }
        if (age < 16) {
            if (!citizen) {
                return Optional.of("a child of 12 to 15 needs their own consent as well");
            }
            return authority ? Optional.empty()
                    : Optional.of("a child of 12 to 15 needs the consent of a parent with authority or a guardian too");
        }
        return citizen ? Optional.empty() : Optional.of("from 16 the young person's own consent is needed");
    }
}
