package nl.bronsein.runtime.subscription;

import nl.bronsein.runtime.subscription.SourcePositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.bronsein.runtime.RuntimeTables;

/**
 * A source's position as the listener notes each sequence number it sees, on H2 and on a real PostgreSQL: the gap is
 * judged on the positions the same statement sets, whichever order the numbers come in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourcePositionsTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private EmbeddedPostgres postgres;

    @BeforeAll
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    Stream<JdbcClient> databases() {
        RuntimeTables.migrate(postgres.getPostgresDatabase());
        JdbcClient pg = JdbcClient.create(postgres.getPostgresDatabase());
        pg.sql("delete from source_position").update();
        return Stream.of(RuntimeTables.inMemoryH2("source-positions"), pg);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aGapOpensWhenANumberIsSkippedAndClosesWhenItArrives(JdbcClient jdbc) {
        SourcePositions positions = new SourcePositions(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        positions.seen(GP, 1);
        positions.seen(GP, 2);
        assertThat(position(positions)).extracting(SourcePositions.Position::confirmedThrough,
                SourcePositions.Position::highestSeen, SourcePositions.Position::gapSeenAt).containsExactly(2L, 2L, null);

        positions.seen(GP, 4);
        assertThat(position(positions)).extracting(SourcePositions.Position::confirmedThrough,
                SourcePositions.Position::highestSeen, SourcePositions.Position::gapSeenAt).containsExactly(2L, 4L, NOW);

        positions.seen(GP, 3);
        assertThat(position(positions)).as("3 confirmed; 4 was seen before it, so the gap stands until history confirms it")
                .extracting(SourcePositions.Position::confirmedThrough, SourcePositions.Position::highestSeen,
                        SourcePositions.Position::gapSeenAt).containsExactly(3L, 4L, NOW);

        positions.seen(GP, 4);
        assertThat(position(positions)).as("seen again, in order now: closed in the same statement")
                .extracting(SourcePositions.Position::confirmedThrough, SourcePositions.Position::highestSeen,
                        SourcePositions.Position::gapSeenAt).containsExactly(4L, 4L, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theFirstNumberOfANewSourceCreatesItsPosition(JdbcClient jdbc) {
        SourcePositions positions = new SourcePositions(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        positions.seen(GP, 7);
        assertThat(position(positions)).extracting(SourcePositions.Position::confirmedThrough,
                SourcePositions.Position::highestSeen, SourcePositions.Position::gapSeenAt).containsExactly(0L, 7L, NOW);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnconfirmedGapIsSettledBackToWhatTheSourceConfirmedAndANewGapStartsItsTriesAgain(JdbcClient jdbc) {
        SourcePositions positions = new SourcePositions(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        positions.seen(GP, 1);
        positions.seen(GP, 1_000_000_000_000L);
        positions.confirm(GP, 1);
        positions.gapUnconfirmed(GP, 2, NOW.plusSeconds(4));
        assertThat(position(positions)).extracting(SourcePositions.Position::gapTries,
                SourcePositions.Position::gapRetryAt).containsExactly(2, NOW.plusSeconds(4));

        assertThat(positions.settleUnconfirmedGap(GP, 999L)).as("not the number judged: a higher one came since").isFalse();
        assertThat(positions.settleUnconfirmedGap(GP, 1_000_000_000_000L)).isTrue();
        assertThat(position(positions)).extracting(SourcePositions.Position::confirmedThrough,
                SourcePositions.Position::highestSeen, SourcePositions.Position::gapSeenAt,
                SourcePositions.Position::gapTries, SourcePositions.Position::unconfirmedClaim,
                SourcePositions.Position::unconfirmedSettledAt)
                .containsExactly(1L, 1L, null, 0, 1_000_000_000_000L, NOW);
        assertThat(positions.settleUnconfirmedGap(GP, 1L)).as("no gap left to settle").isFalse();

        positions.gapUnconfirmed(GP, 3, NOW);
        positions.seen(GP, 5);
        assertThat(position(positions)).as("a gap opened anew is tried from the start")
                .extracting(SourcePositions.Position::hasGap, SourcePositions.Position::gapTries,
                        SourcePositions.Position::gapRetryAt).containsExactly(true, 0, null);
    }

    private static SourcePositions.Position position(SourcePositions positions) {
        return positions.find(GP).orElseThrow();
    }
}
