package nl.bronsein.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** How many notifications a node handles at once when its operator did not say: 4 on PostgreSQL, 1 on H2. */
class InboxPropertiesTest {

    @Test
    void aNodeOnPostgreSqlHandlesFourObjectsAtOnceAndOneOnH2UnlessItsOperatorSaysOtherwise() {
        InboxProperties unset = new InboxProperties(null, null, null, null, null, null);
        assertThat(unset.onDatabase("PostgreSQL").handlers()).isEqualTo(4);
        assertThat(unset.onDatabase("H2").handlers()).isEqualTo(1);
        assertThat(unset.handlers()).as("before the database is known").isEqualTo(1);

        InboxProperties set = new InboxProperties(null, null, 8, null, null, null);
        assertThat(set.onDatabase("H2").handlers()).isEqualTo(8);
        assertThat(set.onDatabase("PostgreSQL").handlers()).isEqualTo(8);
        assertThat(unset.onDatabase("PostgreSQL")).as("the other settings kept")
                .extracting(InboxProperties::interval, InboxProperties::batchSize, InboxProperties::retryDelay)
                .containsExactly(Duration.ofMillis(500), 100, Duration.ofSeconds(1));
    }

    @Test
    void handlingStartsWithTheNodeUnlessTheOperatorSaysItWaits() {
        InboxProperties unset = bind(Map.of());
        assertThat(unset.autoStartup()).isTrue();
        assertThat(processor(unset).isAutoStartup()).isTrue();

        InboxProperties waiting = bind(Map.of("bronsein.inbox.auto-startup", "false"));
        assertThat(waiting.autoStartup()).isFalse();
        assertThat(waiting.onDatabase("PostgreSQL").autoStartup()).as("kept when the concurrency is decided").isFalse();
        InboxProcessor processor = processor(waiting.onDatabase("PostgreSQL"));
        assertThat(processor.isAutoStartup()).isFalse();
        assertThat(processor.isRunning()).as("not started by anything but an explicit start").isFalse();
    }

    /** Bound as Spring Boot binds it from the node's configuration, under the documented name. */
    private static InboxProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("bronsein.inbox",
                InboxProperties.class);
    }

    private static InboxProcessor processor(InboxProperties properties) {
        return new InboxProcessor(null, List.of(), null, null, new TransactionTemplate(), properties);
    }
}
