package nl.bronsein.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How many notifications a node handles at once when its operator did not say: 4 on PostgreSQL, 1 on H2. */
class InboxPropertiesTest {

    @Test
    void aNodeOnPostgreSqlHandlesFourObjectsAtOnceAndOneOnH2UnlessItsOperatorSaysOtherwise() {
        InboxProperties unset = new InboxProperties(null, null, null, null, null);
        assertThat(unset.onDatabase("PostgreSQL").handlers()).isEqualTo(4);
        assertThat(unset.onDatabase("H2").handlers()).isEqualTo(1);
        assertThat(unset.handlers()).as("before the database is known").isEqualTo(1);

        InboxProperties set = new InboxProperties(null, null, 8, null, null);
        assertThat(set.onDatabase("H2").handlers()).isEqualTo(8);
        assertThat(set.onDatabase("PostgreSQL").handlers()).isEqualTo(8);
        assertThat(unset.onDatabase("PostgreSQL")).as("the other settings kept")
                .extracting(InboxProperties::interval, InboxProperties::batchSize, InboxProperties::retryDelay)
                .containsExactly(Duration.ofMillis(500), 100, Duration.ofSeconds(1));
    }
}
