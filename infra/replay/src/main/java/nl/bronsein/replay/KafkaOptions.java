package nl.bronsein.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.bronsein.replay.ReplayOptions.Connection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command that talks to Kafka has: where the broker is, who the tester is on it, how long to wait. */
final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            converter = ReplayConverters.BootstrapServersConverter.class,
            description = "the Kafka broker(s), e.g. 127.0.0.1:9092 (required)")
    String bootstrapServers;

    @Option(names = "--tls-certificate", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
            description = "on a secured broker: your own PEM certificate chain (leaf first); the broker knows you by "
                    + "the participant id in it and shows you only what that identity may read. With --tls-key and "
                    + "--tls-ca; none = plaintext")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
            description = "your unencrypted PKCS#8 PEM key")
    Path key;

    @Option(names = "--tls-ca", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
            description = "the PEM CA certificate(s) the broker's certificate chains to")
    Path ca;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = ReplayConverters.TimeoutConverter.class,
            description = "how long to wait for Kafka (or the node) before giving up (default "
                    + ReplayOptions.DEFAULT_TIMEOUT_SECONDS + ")")
    Integer timeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Where Kafka is and the TLS settings of the tester's identity on it. */
    Connection connection() {
        if (bootstrapServers == null) {
            throw refused("--bootstrap-server HOST:PORT is required");
        }
        return new Connection(bootstrapServers, timeout(), tls());
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds == null ? ReplayOptions.DEFAULT_TIMEOUT_SECONDS : timeoutSeconds);
    }

    /** The Kafka-only options that were given, by name, for a command that does not talk to Kafka. */
    List<String> given() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("--bootstrap-server", bootstrapServers);
        options.put("--tls-certificate", certificate);
        options.put("--tls-key", key);
        options.put("--tls-ca", ca);
        options.values().removeIf(Objects::isNull);
        return List.copyOf(options.keySet());
    }

    /** Kafka's client settings for mutual TLS with the given PEM files; all three or none. */
    private Map<String, String> tls() {
        long given = given().stream().filter(option -> option.startsWith("--tls-")).count();
        if (given == 0) {
            return Map.of();
        }
        if (given < 3) {
            throw refused("--tls-certificate, --tls-key and --tls-ca go together: give all three, or none for a "
                    + "plaintext broker");
        }
        Map<String, String> tls = new LinkedHashMap<>();
        tls.put("security.protocol", "SSL");
        tls.put("ssl.keystore.type", "PEM");
        tls.put("ssl.keystore.certificate.chain", pem(certificate, "--tls-certificate", "-----BEGIN CERTIFICATE-----"));
        tls.put("ssl.keystore.key", pem(key, "--tls-key", "-----BEGIN PRIVATE KEY-----"));
        tls.put("ssl.truststore.type", "PEM");
        tls.put("ssl.truststore.certificates", pem(ca, "--tls-ca", "-----BEGIN CERTIFICATE-----"));
        return tls;
    }

    private String pem(Path file, String option, String expected) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | UncheckedIOException e) {
            throw refused(option + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (!content.contains(expected)) {
            throw refused(option + ": " + file + " holds no " + expected.replace("-", "").strip()
                    + (expected.contains("PRIVATE") ? " (an unencrypted PKCS#8 key)" : ""));
        }
        return content;
    }

    private ParameterException refused(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
