package nl.bronsein.runtime.audit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail: one row for every answer at the network door, every pull and every staff read of personal data. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }
}
