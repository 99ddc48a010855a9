package nl.bronsein.runtime.history;

import nl.bronsein.runtime.subscription.SourcePositions;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.subscription.NotificationReception;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;

/**
 * The notification history both ways: this node serves what it published over the network port, and fetches from a
 * source what it missed (a gap in the source's sequence, or a node away longer than Kafka keeps records).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatchUpProperties.class)
@Import(NotificationHistoryController.class)
public class HistoryConfiguration {

    @Bean
    SourcePositions sourcePositions(JdbcClient jdbc, Clock clock) {
        return new SourcePositions(jdbc, clock);
    }

    @Bean
    CatchUp catchUp(PullClient pullClient, NotificationReception reception, SourcePositions positions,
                    ParticipantList participants, SubscriptionProperties subscriptions, NodeIdentity identity,
                    CatchUpProperties properties, Clock clock, RuntimeMetrics metrics) {
        return new CatchUp(pullClient, reception, positions, participants, subscriptions, identity, properties, clock,
                metrics);
    }
}
