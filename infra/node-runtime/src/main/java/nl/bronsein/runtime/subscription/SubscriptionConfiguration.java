package nl.bronsein.runtime.subscription;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.kafka.NodeKafkaConnection;
import nl.bronsein.runtime.notification.NodeSigningKey;
import nl.bronsein.runtime.kafka.KafkaClientLog;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.TrustProperties;
import nl.bronsein.schemas.NotificationCodec;

/**
 * The subscriptions: this node's inbox topic read with Kafka, each record checked (signature, source, sequence) and
 * taken into the inbox in the listener's transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionProperties.class)
public class SubscriptionConfiguration {

    @Bean
    NotificationReception notificationReception(Inbox inbox, InboxProcessor processor, SubscriptionProperties subscriptions,
                                                ParticipantList participants, NodeIdentity identity, NotificationCodec codec,
                                                SourcePositions positions, RuntimeMetrics metrics, SslBundles bundles,
                                                TrustProperties trust) {
        subscriptions.checkFollowed(processor::handles);
        return new NotificationReception(inbox, processor, subscriptions, participants, identity, codec, positions, metrics,
                NodeSigningKey.verifier(bundles.getBundle(trust.sslBundle())));
    }

    @Bean
    IntakeProgress intakeProgress(Clock clock) {
        return new IntakeProgress(clock);
    }

    @Bean
    NotificationListener notificationListener(NotificationReception reception, Inbox inbox,
                                              PlatformTransactionManager transactions, IntakeProgress intakeProgress,
                                              RuntimeMetrics metrics) {
        return new NotificationListener(reception, inbox, new TransactionTemplate(transactions), intakeProgress, metrics);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> notificationListenerContainer(
            KafkaProperties kafka, NodeKafkaConnection connection, SubscriptionProperties subscriptions,
            NodeIdentity identity, NotificationListener listener) {
        Map<String, Object> config = consumerSettings(connection.consumer(kafka.buildConsumerProperties()),
                subscriptions.groupOf(identity.id()));
        ContainerProperties container = new ContainerProperties(subscriptions.topics(identity).toArray(String[]::new));
        container.setMessageListener(listener);
        // offsets are committed once the listener's transaction has the whole poll
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMissingTopicsFatal(false);
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        consumers.addListener(new ConsumerFactory.Listener<>() {
            @Override
            public void consumerAdded(String id, Consumer<String, byte[]> consumer) {
                KafkaClientLog.created("notification consumer", KafkaClientLog.clientId(consumer.metrics(), id),
                        config);
            }
        });
        ConcurrentMessageListenerContainer<String, byte[]> listenerContainer = new ConcurrentMessageListenerContainer<>(
                consumers, container);
        // What reaches the error handler is a failure that may pass (the inbox's database away): retry the same poll,
        // never skip a record of it. A record that fails by itself is parked by the listener and never comes here.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        listenerContainer.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        listenerContainer.setAutoStartup(!subscriptions.subscriptions().isEmpty());
        listenerContainer.setBeanName("notificationListenerContainer");
        return listenerContainer;
    }

    /** The notification consumer's settings: the client settings with what the inbox's guarantees depend on. */
    static Map<String, Object> consumerSettings(Map<String, Object> clientSettings, String group) {
        Map<String, Object> config = new java.util.HashMap<>(clientSettings);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a relay's aborted transaction must never be seen: published means committed
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A node is the one member of its group. Killed hard, it stays a member until the session times out, and the
        // node started in its place reads nothing until then: on Kafka's 45 s default a restarted node sat idle for
        // most of a minute while its notifications waited (the chaos suite's kill -9). An operator may still set
        // spring.kafka.consumer.properties.session.timeout.ms.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return config;
    }
}
