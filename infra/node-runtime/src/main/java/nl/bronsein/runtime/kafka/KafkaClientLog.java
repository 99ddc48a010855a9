package nl.bronsein.runtime.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line a node logs for each long-lived Kafka client it creates, in place of Kafka's configuration dump
 * ({@link LoggingDefaults}): which client, which brokers, which client version. Only those: the rest of a client's
 * configuration may hold credentials (SASL, key store passwords).
 */
public final class KafkaClientLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientLog.class);

    private KafkaClientLog() {
    }

    /**
     * @param kind     what the client is for, e.g. "relay producer"
     * @param clientId the client's id as Kafka names it in its own log lines
     * @param config   the configuration it was created with
     */
    public static void created(String kind, Object clientId, Map<String, Object> config) {
        Object servers = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        log.info("Kafka {} {} created for {} (kafka-clients {})", kind, clientId,
                servers instanceof Collection<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : servers,
                AppInfoParser.getVersion());
    }

    /**
     * The id Kafka gave a client (its own, or one it generated), read from the client's metrics: Spring Kafka's
     * factories hand their listeners the id prefixed with a bean name, which is not what Kafka's lines show.
     */
    public static String clientId(Map<MetricName, ? extends Metric> metrics, String otherwise) {
        return metrics.keySet().stream().map(name -> name.tags().get("client-id")).filter(Objects::nonNull)
                .findFirst().orElse(otherwise);
    }
}
