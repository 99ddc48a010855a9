package nl.bronsein.runtime.inbox;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationCodec;

/** The inbox: a notification taken in is stored first, then handled by the node's handlers, retried or parked. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxConfiguration {

    @Bean
    Inbox inbox(JdbcClient jdbc, Clock clock) {
        return new Inbox(jdbc, clock);
    }

    @Bean
    InboxProcessor inboxProcessor(Inbox inbox, List<NotificationHandler> handlers, NotificationCodec codec,
                                  ParticipantList participants, PlatformTransactionManager transactions,
                                  InboxProperties properties, RuntimeMetrics metrics, AuditTrail log,
                                  DataSource database) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(database, DatabaseMetaData::getDatabaseProductName);
        return new InboxProcessor(inbox, handlers, codec, participants, new TransactionTemplate(transactions),
                properties.onDatabase(product), metrics, log);
    }
}
