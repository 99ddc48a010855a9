package nl.bronsein.runtime;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

import nl.bronsein.runtime.audit.AuditConfiguration;
import nl.bronsein.runtime.audit.ProcessingChainConfiguration;
import nl.bronsein.runtime.config.IdentityConfiguration;
import nl.bronsein.runtime.catalogue.CatalogueConfiguration;
import nl.bronsein.runtime.contactpoint.ContactPointConfiguration;
import nl.bronsein.runtime.copy.PulledCopyConfiguration;
import nl.bronsein.runtime.history.HistoryConfiguration;
import nl.bronsein.runtime.idempotency.IdempotencyConfiguration;
import nl.bronsein.runtime.inbox.InboxConfiguration;
import nl.bronsein.runtime.kafka.NotificationTopicsConfiguration;
import nl.bronsein.runtime.operations.OperationsConfiguration;
import nl.bronsein.runtime.outbox.OutboxConfiguration;
import nl.bronsein.runtime.processinglog.ProcessingLogConfiguration;
import nl.bronsein.runtime.outbox.RelayConfiguration;
import nl.bronsein.runtime.pull.PullConfiguration;
import nl.bronsein.runtime.pull.PullEndpointConfiguration;
import nl.bronsein.runtime.rebuild.RebuildConfiguration;
import nl.bronsein.runtime.retention.RetentionConfiguration;
import nl.bronsein.runtime.staff.StaffSecurityConfiguration;
import nl.bronsein.runtime.subscription.SubscriptionConfiguration;
import nl.bronsein.runtime.web.DoorsConfiguration;

/**
 * The node runtime in any node application: a node contributes its domain (objects, handlers, views, policies as
 * properties) and gets each concern below, each wired in its own package by its own configuration.
 */
// before Spring Boot's error controller, which backs off for ours (ProblemErrorController: problem+json)
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class},
        before = ErrorMvcAutoConfiguration.class)
@Import({FoundationConfiguration.class, IdentityConfiguration.class, AuditConfiguration.class,
        ProcessingChainConfiguration.class, RetentionConfiguration.class,
        OutboxConfiguration.class, RelayConfiguration.class, NotificationTopicsConfiguration.class, InboxConfiguration.class,
        SubscriptionConfiguration.class, HistoryConfiguration.class, RebuildConfiguration.class, PullConfiguration.class,
        PullEndpointConfiguration.class, PulledCopyConfiguration.class, ContactPointConfiguration.class, CatalogueConfiguration.class,
        ProcessingLogConfiguration.class, DoorsConfiguration.class, nl.bronsein.runtime.insight.InsightConfiguration.class,
        IdempotencyConfiguration.class, StaffSecurityConfiguration.class, nl.bronsein.runtime.screen.ScreenConfiguration.class,
        OperationsConfiguration.class})
public class NodeRuntimeConfiguration {
}
