package nl.bronsein.replay;

import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nl.bronsein.replay.ReplayOptions.Connection;

/** The Kafka clients the commands use, with short timeouts, and the translation of their failures into one line. */
final class Kafka {

    private Kafka() {
    }

    static Admin admin(Connection connection) {
        Properties props = common(connection, "replay-admin");
        return create(connection, () -> Admin.create(props));
    }

    /** A consumer without a group: it is assigned partitions and never commits. */
    static KafkaConsumer<String, byte[]> consumer(Connection connection) {
        Properties props = common(connection, "replay-dump");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // nodes relay in transactions; a batch a relay aborted was never published and is no part of a recording
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"); // dump reads to a known end: do not linger there
        return create(connection, () -> new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    /** acks=all, idempotent, one request in flight: records of one key arrive in the order they are sent. */
    static KafkaProducer<String, byte[]> producer(Connection connection) {
        Properties props = common(connection, "replay-publish");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(connection.timeout().toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(3 * connection.timeout().toMillis() + 5));
        return create(connection, () -> new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    private static Properties common(Connection connection, String clientId) {
        Properties props = new Properties();
        int timeout = (int) connection.timeout().toMillis();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeout));
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeout));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(timeout, 5000)));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Integer.toString(timeout));
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, "5000");
        props.putAll(connection.tls());
        return props;
    }

    private interface ClientFactory<T> {
        T create();
    }

    private static <T> T create(Connection connection, ClientFactory<T> factory) {
        try {
            return factory.create();
        } catch (KafkaException e) {
            throw failure(connection, e);
        }
    }

    /** Kafka failed: unwraps the future's exception and says what went wrong, in one line, with exit code 3. */
    static ReplayException failure(Connection connection, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ReplayException replay) {
            return replay;
        }
        String at = "Kafka at " + connection.bootstrapServers();
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new ReplayException(ReplayMain.EXIT_KAFKA, "cannot reach " + at + " (no answer within "
                    + connection.timeout().toSeconds() + " s)", error);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConfigException && String.valueOf(t.getMessage()).contains("resolvable")) {
                return new ReplayException(ReplayMain.EXIT_KAFKA, "cannot reach " + at + " (no resolvable address)",
                        error);
            }
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ReplayException(ReplayMain.EXIT_KAFKA, "interrupted while talking to " + at, error);
        }
        String message = cause.getMessage() == null ? "" : ": " + ReplayException.oneLine(cause.getMessage());
        return new ReplayException(ReplayMain.EXIT_KAFKA, at + " failed: " + cause.getClass().getSimpleName() + message,
                error);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException
                || (cause instanceof KafkaException && cause.getClass() == KafkaException.class))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
