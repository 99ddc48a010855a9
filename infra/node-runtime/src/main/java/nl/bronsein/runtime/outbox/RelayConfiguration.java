package nl.bronsein.runtime.outbox;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.kafka.NodeKafkaConnection;
import nl.bronsein.runtime.kafka.TopicProperties;
import nl.bronsein.runtime.notification.NodeSigningKey;
import nl.bronsein.runtime.kafka.KafkaClientLog;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.TrustProperties;

/**
 * The outbox's relay: one at a time (under a lease) numbers what {@link OutboxConfiguration}'s outbox recorded, signs
 * it and publishes it in one Kafka transaction per batch. Apart from the outbox, so that a node's services can record
 * their changes, and be tested doing so, without a broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
public class RelayConfiguration {

    /**
     * A bean of its own, so the context closes it: made inside the template's bean method it was never closed, and a
     * node stopped inside a JVM (a restart, the benchmark) left its relay's producer reconnecting for ever.
     */
    @Bean
    DefaultKafkaProducerFactory<String, byte[]> notificationProducerFactory(KafkaProperties kafka,
            NodeKafkaConnection connection, NodeIdentity identity) {
        Map<String, Object> config = connection.producer(kafka.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A relay that dies mid-transaction holds back read-committed consumers of its partitions until it restarts
        // or this passes; Kafka's default of a minute is long for a node that is simply gone.
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
        // The guarantees the outbox depends on are not negotiable by configuration.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new ByteArraySerializer());
        // One relay thread, one transactional id that stays the same across restarts, so the next start fences the last.
        producers.setTransactionIdPrefix(PublicationCheckpoint.transactionalIdPrefix(identity.id().urn()));
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
        producers.addListener(new ProducerFactory.Listener<>() {
            @Override
            public void producerAdded(String id, Producer<String, byte[]> producer) {
                KafkaClientLog.created("relay producer", KafkaClientLog.clientId(producer.metrics(), id), config);
            }
        });
        return producers;
    }

    @Bean
    KafkaTemplate<String, byte[]> notificationKafkaTemplate(
            DefaultKafkaProducerFactory<String, byte[]> notificationProducerFactory) {
        return new KafkaTemplate<>(notificationProducerFactory);
    }

    @Bean
    PublicationCheckpoint publicationCheckpoint(KafkaProperties kafka, NodeKafkaConnection connection,
                                                NodeIdentity identity, RelayProperties properties) {
        String topic = properties.checkpointTopic() != null ? properties.checkpointTopic()
                : PublicationCheckpoint.ownTopic(identity.id());
        return new PublicationCheckpoint(topic, identity.id().urn(), connection.consumer(kafka.buildConsumerProperties()),
                properties.sendTimeout());
    }

    /** Small and read back only after a failure: one partition, the newest checkpoint kept. */
    @Bean
    KafkaAdmin.NewTopics checkpointTopic(PublicationCheckpoint publicationCheckpoint, TopicProperties topics,
                                         NodeKafkaConnection connection) {
        return topics.createdBy(connection)
                ? new KafkaAdmin.NewTopics(topics.withReplicas(TopicBuilder.name(publicationCheckpoint.topic())
                        .partitions(1).compact()))
                : new KafkaAdmin.NewTopics();
    }

    @Bean
    RelayLease relayLease(JdbcClient jdbc, Clock clock, RelayProperties properties) {
        return new RelayLease(jdbc, clock, properties.lease());
    }

    /** The relay's numbering of committed rows: one short transaction of its own per batch, on the node's database. */
    @Bean
    OutboxNumbering outboxNumbering(OutboxRepository repository, PlatformTransactionManager transactions,
                                    NodeIdentity identity, RelayProperties properties) {
        return new OutboxNumbering(repository, new TransactionTemplate(transactions), identity.id().urn(),
                properties.batchSize());
    }

    @Bean
    Relay relay(OutboxRepository repository, OutboxNumbering outboxNumbering, RelayLease relayLease,
                KafkaTemplate<String, byte[]> notificationKafkaTemplate, PublicationCheckpoint publicationCheckpoint,
                NodeIdentity identity, RelayProperties properties, Clock clock, RuntimeMetrics metrics, SslBundles bundles,
                TrustProperties trust) {
        return new Relay(repository, outboxNumbering, relayLease, notificationKafkaTemplate, publicationCheckpoint,
                identity, properties, clock, metrics, NodeSigningKey.signer(bundles.getBundle(trust.sslBundle())));
    }
}
