package nl.bronsein.runtime;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.bronsein.schemas.NotificationCodec;

/** What every concern of the runtime shares: the clock, the notification contract, the runtime's own tables. */
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
    FlywayMigrationStrategy runtimeSchemaMigration() {
        return new RuntimeSchemaMigration();
    }
}
