package nl.bronsein.runtime.operations;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.subscription.IntakeProgress;

/**
 * Operations: health of the broker ({@code kafka}), the outbox ({@code outbox}) and the intake ({@code intake}) next to Boot's own ({@code db},
 * disk space, SSL), and the outbox's and the intake's metrics; the runtime's own meters ({@code RuntimeMetrics}) are
 * the foundation's, since the relay, the inbox and the pulls count with them. Imported by the node runtime.
 */
@Configuration(proxyBeanMethods = false)
@Import(SecurityObservations.class)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

    @Bean
    OutboxMetrics outboxMetrics(OutboxRepository outbox, Clock clock) {
        return new OutboxMetrics(outbox, clock);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxRepository outbox, OperationsProperties properties, Clock clock) {
        return new OutboxHealthIndicator(outbox, properties.outboxMaxAge(), clock);
    }

    @Bean
    IntakeMetrics intakeMetrics(IntakeProgress progress) {
        return new IntakeMetrics(progress);
    }

    @Bean
    IntakeHealthIndicator intakeHealthIndicator(IntakeProgress progress, OperationsProperties properties) {
        return new IntakeHealthIndicator(progress, properties.intakeMaxStall());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, OperationsProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin, properties.brokerTimeout(), properties.brokerHealthCache());
    }
}
