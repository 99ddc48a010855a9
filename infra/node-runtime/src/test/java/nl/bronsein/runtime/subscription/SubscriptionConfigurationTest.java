package nl.bronsein.runtime.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class SubscriptionConfigurationTest {

    @Test
    void theConsumerReadsCommittedOnlyCommitsItselfAndGivesUpADeadSessionAfterTenSeconds() {
        Map<String, Object> settings = SubscriptionConfiguration.consumerSettings(
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                "bronsein-urn:nld:kvk:1");

        assertThat(settings).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "bronsein-urn:nld:kvk:1")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }

    @Test
    void anOperatorsSessionTimeoutIsKept() {
        Map<String, Object> settings = SubscriptionConfiguration.consumerSettings(
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000", ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "5000"),
                "group");

        assertThat(settings).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "5000");
    }
}
