package nl.bronsein.runtime.operations;

import nl.bronsein.runtime.kafka.KafkaClientLog;

import java.util.Map;

/**
 * Logging defaults every node shares (added by {@code RuntimeDefaults}, at the lowest precedence). The console — what a
 * container or {@code java -jar} collects — gets Spring Boot's structured logging in the Elastic Common Schema, one
 * JSON object a line, so a log platform takes the fields as they are; an operator who wants text sets
 * {@code logging.structured.format.console} to nothing (the local network does). Kafka's clients each log their
 * whole configuration of a hundred lines when created; those dumps are left to WARN, and the node logs one line per
 * client it creates instead ({@link KafkaClientLog}). Kafka's version lines per client ({@code AppInfoParser}) go
 * the same way: that line names the client version.
 */
public final class LoggingDefaults {

    public static final Map<String, Object> PROPERTIES = Map.of(
            "logging.structured.format.console", "ecs",
            // Kafka 4 logs every client's "ProducerConfig values: ..." through this one logger; its other INFO line
            // (settings supplied but not used) is of no use to an operator either, its warnings and errors stay
            "logging.level.org.apache.kafka.common.config.AbstractConfig", "WARN",
            "logging.level.org.apache.kafka.common.utils.AppInfoParser", "WARN",
            // While the broker is away, Kafka 4.2's admin clients bootstrap again in a tight loop and log every attempt
            // at INFO (some 370 lines a second); the outage shows in Kafka's connection warnings and in health anyway
            "logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager", "WARN",
            // Tomcat logs the first request line it cannot parse at INFO with the whole request target, query string
            // included: the hostile-input suite's privacy scan found a test citizen's phone number in one (2026-12-06)
            "logging.level.org.apache.coyote.http11.Http11Processor", "WARN");

    private LoggingDefaults() {
    }
}
