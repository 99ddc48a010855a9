package nl.bronsein.runtime.contactpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

class ContactPointTest {

    private static final String OWNER = "urn:nld:oin:00000001001234567000";
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

    private final ContactPoint published = ContactPoint.first(UUID.randomUUID(), OWNER,
            new Entry("Wijkteam Noord", "020 123 4567", null, T0));

    @Test
    void anAnnouncedChangeTakesEffectAtItsMoment() {
        ContactPoint announced = published.announce(new Entry("Wijkteam Noord", "020 765 4321", "noord@example.nl", MARCH));

        assertThat(announced.version()).isEqualTo(2);
        assertThat(announced.schedule()).hasSize(2);
        assertThat(announced.detailsAt(MARCH.minusMillis(1))).contains(new ContactPointView("Wijkteam Noord", "020 123 4567", null));
        assertThat(announced.detailsAt(MARCH)).contains(new ContactPointView("Wijkteam Noord", "020 765 4321", "noord@example.nl"));
        assertThat(announced.upcomingAt(MARCH.minusSeconds(60))).contains(announced.latest());
        assertThat(announced.upcomingAt(MARCH)).isEmpty();
        // the view the network pulls says the same
        assertThat(announced.view().detailsAt(MARCH.minusMillis(1)).orElseThrow().phone()).isEqualTo("020 123 4567");
        assertThat(announced.view().version()).isEqualTo(2);
    }

    @Test
    void detailsPublishedAheadAreNotInEffectBefore() {
        ContactPoint ahead = ContactPoint.first(UUID.randomUUID(), OWNER, new Entry("Balie", null, "balie@example.nl", MARCH));

        assertThat(ahead.detailsAt(T0)).isEmpty();
        assertThat(ahead.upcomingAt(T0)).contains(ahead.latest());
        assertThat(ahead.detailsAt(MARCH.plus(Duration.ofDays(1)))).isPresent();
    }

    @Test
    void aChangeBeforeTheLatestEntryIsRefusedOnEffectiveFrom() {
        ContactPoint announced = published.announce(new Entry("Wijkteam Noord", "020 765 4321", null, MARCH));

        assertThatThrownBy(() -> announced.announce(new Entry("Wijkteam Noord", "020 000 0000", null, MARCH.minusSeconds(1))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("effectiveFrom"));
        assertThatThrownBy(() -> published.announce(new Entry("x", "020 000 0000", null, T0.minusMillis(1))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aChangeAtTheLatestMomentCorrectsThatEntry() {
        ContactPoint announced = published.announce(new Entry("Wijkteam Noord", "020 765 4321", null, MARCH));
        ContactPoint corrected = announced.announce(new Entry("Wijkteam Noord", "020 765 4322", null, MARCH));

        assertThat(corrected.version()).isEqualTo(3);
        assertThat(corrected.schedule()).hasSize(2);
        assertThat(corrected.detailsAt(MARCH).orElseThrow().phone()).isEqualTo("020 765 4322");
        assertThat(corrected.detailsAt(T0).orElseThrow().phone()).isEqualTo("020 123 4567");
    }

    @Test
    void aScheduleMustMoveForward() {
        assertThatThrownBy(() -> new ContactPoint(UUID.randomUUID(), 2, OWNER, java.util.List.of(
                new Entry("a", "020 123 4567", null, MARCH), new Entry("b", "020 123 4567", null, T0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
