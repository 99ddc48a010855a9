package nl.bronsein.runtime;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.schemas.NotificationCodec;

/**
 * What every concern of the runtime shares: the clock, the notification contract, the runtime's own tables, the
 * runtime's meters.
 */
@Configuration(proxyBeanMethods = false)
class FoundationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NotificationCodec notificationCodec() {
        return new NotificationCodec();
    }

    @Bean
    RuntimeMetrics runtimeMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? RuntimeMetrics.NONE : new RuntimeMetrics(meters);
    }

    @Bean
    FlywayMigrationStrategy runtimeSchemaMigration() {
        return new RuntimeSchemaMigration();
    }
}
