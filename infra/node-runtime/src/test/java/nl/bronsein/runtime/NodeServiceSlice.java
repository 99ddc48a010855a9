package nl.bronsein.runtime;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.config.IdentityConfiguration;
import nl.bronsein.runtime.catalogue.CatalogueConfiguration;
import nl.bronsein.runtime.contactpoint.ContactPointConfiguration;
import nl.bronsein.runtime.copy.PulledCopyConfiguration;
import nl.bronsein.runtime.outbox.OutboxConfiguration;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.pull.PullConfiguration;
import nl.bronsein.schemas.NotificationCodec;

/**
 * The part of the node runtime a node's services run on, for {@link NodeServiceSliceTest}: the database with both
 * migrations (the foundation's migration strategy, the node's {@code spring.flyway.locations}), Spring's transactions,
 * the node's identity from its participant list, the outbox as it records (its relay, and with it Kafka, left out), the
 * pull policy that decides whom the outbox addresses, pulled copies, contact points, which every node's policy
 * covers, and the service catalogue (a GP checks a referral's service against it, a municipality publishes it). No broker, no web server, no door, no inbox or subscriptions.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
        FlywayAutoConfiguration.class, SslAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({FoundationConfiguration.class, IdentityConfiguration.class, nl.bronsein.runtime.audit.AuditConfiguration.class,
        OutboxConfiguration.class, PullConfiguration.class,
        PulledCopyConfiguration.class, ContactPointConfiguration.class, CatalogueConfiguration.class})
public class NodeServiceSlice {

    @Bean
    OutboxRows outboxRows(OutboxRepository outbox, JdbcClient jdbc, NotificationCodec codec) {
        return new OutboxRows(outbox, jdbc, codec);
    }
}
