package nl.bronsein.runtime.operations;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.MeterRegistry;
import nl.bronsein.runtime.outbox.OutboxRepository;

/**
 * Operations: health of the broker ({@code kafka}) and the outbox ({@code outbox}) next to Boot's own ({@code db},
 * disk space, SSL), and the runtime's metrics. Imported by the node runtime.
 */
@Configuration(proxyBeanMethods = false)
@Import(SecurityObservations.class)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

    @Bean
    RuntimeMetrics runtimeMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? RuntimeMetrics.NONE : new RuntimeMetrics(meters);
    }

    @Bean
    OutboxMetrics outboxMetrics(OutboxRepository outbox, Clock clock) {
        return new OutboxMetrics(outbox, clock);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxRepository outbox, OperationsProperties properties, Clock clock) {
        return new OutboxHealthIndicator(outbox, properties.outboxMaxAge(), clock);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, OperationsProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin, properties.brokerTimeout(), properties.brokerHealthCache());
    }
}
