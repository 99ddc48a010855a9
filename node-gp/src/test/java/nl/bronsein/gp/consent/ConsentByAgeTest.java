package nl.bronsein.gp.consent;

import static nl.bronsein.schemas.view.ConsentGiverRole.CITIZEN;
import static nl.bronsein.schemas.view.ConsentGiverRole.GUARDIAN;
import static nl.bronsein.schemas.view.ConsentGiverRole.PARENT_WITH_AUTHORITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.schemas.view.ConsentGiverRole;

/** The WGBO's age rules, for every age band's edges and the combinations of givers that matter. */
class ConsentByAgeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    static Stream<Arguments> rules() {
        return Stream.of(
                // age on TODAY, who consented, enough?
                Arguments.of(aged(0), Set.of(PARENT_WITH_AUTHORITY), true),
                Arguments.of(aged(11), Set.of(PARENT_WITH_AUTHORITY), true),
                Arguments.of(aged(11), Set.of(GUARDIAN), true),
                Arguments.of(aged(11), Set.of(CITIZEN), false),
                Arguments.of(aged(11), Set.of(), false),
                Arguments.of(aged(12), Set.of(PARENT_WITH_AUTHORITY), false),
                Arguments.of(aged(12), Set.of(CITIZEN), false),
                Arguments.of(aged(12), Set.of(CITIZEN, PARENT_WITH_AUTHORITY), true),
                Arguments.of(aged(14), Set.of(CITIZEN, GUARDIAN), true),
                Arguments.of(aged(15), Set.of(CITIZEN, PARENT_WITH_AUTHORITY), true),
                Arguments.of(aged(15), Set.of(PARENT_WITH_AUTHORITY, GUARDIAN), false),
                Arguments.of(aged(16), Set.of(CITIZEN), true),
                Arguments.of(aged(16), Set.of(PARENT_WITH_AUTHORITY), false),
                Arguments.of(aged(17), Set.of(CITIZEN, PARENT_WITH_AUTHORITY), true),
                Arguments.of(aged(82), Set.of(CITIZEN), true),
                Arguments.of(aged(82), Set.of(GUARDIAN), false));
    }

    @ParameterizedTest(name = "born {0}, consent of {1}: enough = {2}")
    @MethodSource("rules")
    void whoMustConsentFollowsTheAge(LocalDate birthDate, Set<ConsentGiverRole> givers, boolean enough) {
        assertThat(ConsentByAge.shortfall(birthDate, givers, TODAY).isEmpty()).isEqualTo(enough);
    }

    static Stream<Arguments> birthdays() {
        return Stream.of(
                // turning, who consented, enough the day before, enough on the birthday
                Arguments.of(12, List.of(PARENT_WITH_AUTHORITY), true, false),
                Arguments.of(12, List.of(CITIZEN, PARENT_WITH_AUTHORITY), true, true),
                Arguments.of(16, List.of(CITIZEN), false, true),
                Arguments.of(16, List.of(CITIZEN, PARENT_WITH_AUTHORITY), true, true));
    }

    /** An age starts on the birthday: the parents' consent alone carries a child to the day before it turns twelve. */
    @ParameterizedTest(name = "turning {0} with the consent of {1}: {2} the day before, {3} on the day")
    @MethodSource("birthdays")
    void anAgeStartsOnTheBirthday(int turning, List<ConsentGiverRole> givers, boolean dayBefore, boolean onTheDay) {
        LocalDate birthDate = TODAY.minusYears(turning);
        assertThat(ConsentByAge.shortfall(birthDate, givers, TODAY.minusDays(1)).isEmpty()).isEqualTo(dayBefore);
        assertThat(ConsentByAge.shortfall(birthDate, givers, TODAY).isEmpty()).isEqualTo(onTheDay);
    }

    private static LocalDate aged(int age) {
        // a month past the birthday, so the band is unambiguous
        return TODAY.minusYears(age).minusMonths(1);
    }
}
