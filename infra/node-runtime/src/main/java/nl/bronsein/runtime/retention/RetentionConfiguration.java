package nl.bronsein.runtime.retention;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.trust.NodeIdentity;

/** Retention: processing records and pulled copies removed when their period, with its legal basis, has passed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    @Bean
    Retention retention(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail auditTrail,
                        RetentionProperties properties, Clock clock, NodeIdentity identity) {
        return new Retention(jdbc, new TransactionTemplate(transactions), auditTrail, properties, clock,
                identity.id().urn());
    }
}
