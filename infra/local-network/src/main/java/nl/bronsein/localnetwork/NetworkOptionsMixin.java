package nl.bronsein.localnetwork;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code run}, which are also the launcher's options without a command: where the data is kept and
 * every port of the network.
 */
final class NetworkOptionsMixin {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = NetworkOptions.DEFAULT_DATA_DIR,
            converter = PathConverter.class, description = "where everything is kept (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "" + NetworkOptions.DEFAULT_KAFKA_PORT,
            converter = PortConverter.class, description = "Kafka broker port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--idp-port", paramLabel = "N", defaultValue = "" + NetworkOptions.DEFAULT_IDP_PORT,
            converter = PortConverter.class,
            description = "development OpenID Connect provider port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int idpPort;

    @Option(names = "--gp-port", paramLabel = "N", defaultValue = "" + NetworkOptions.DEFAULT_GP_PORT,
            converter = PortConverter.class,
            description = "GP node network port, mutual TLS (default ${DEFAULT-VALUE})")
    int gpPort;

    @Option(names = "--gp-staff-port", paramLabel = "N", defaultValue = "" + NetworkOptions.DEFAULT_GP_STAFF_PORT,
            converter = PortConverter.class, description = "GP node staff API port (default ${DEFAULT-VALUE})")
    int gpStaffPort;

    @Option(names = "--municipality-port", paramLabel = "N",
            defaultValue = "" + NetworkOptions.DEFAULT_MUNICIPALITY_PORT, converter = PortConverter.class,
            description = "municipality node network port (default ${DEFAULT-VALUE})")
    int municipalityPort;

    @Option(names = "--municipality-staff-port", paramLabel = "N",
            defaultValue = "" + NetworkOptions.DEFAULT_MUNICIPALITY_STAFF_PORT, converter = PortConverter.class,
            description = "municipality node staff API port (default ${DEFAULT-VALUE})")
    int municipalityStaffPort;

    @Option(names = "--provider-port", paramLabel = "N", defaultValue = "" + NetworkOptions.DEFAULT_PROVIDER_PORT,
            converter = PortConverter.class, description = "provider node network port (default ${DEFAULT-VALUE})")
    int providerPort;

    @Option(names = "--provider-staff-port", paramLabel = "N",
            defaultValue = "" + NetworkOptions.DEFAULT_PROVIDER_STAFF_PORT, converter = PortConverter.class,
            description = "provider node staff API port (default ${DEFAULT-VALUE})")
    int providerStaffPort;

    @Option(names = "--nodes-dir", paramLabel = "DIR", converter = PathConverter.class,
            description = "where node-gp.jar, node-municipality.jar and node-provider.jar are (default: nodes/ next "
                    + "to this launcher's jar)")
    Path nodesDir;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS",
            defaultValue = "" + NetworkOptions.DEFAULT_STARTUP_TIMEOUT_SECONDS, converter = TimeoutConverter.class,
            description = "how long to wait for each node to become healthy (default ${DEFAULT-VALUE})")
    int startupTimeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * The options given.
     *
     * @throws ParameterException when two ports are the same
     */
    NetworkOptions options() {
        NetworkOptions options = new NetworkOptions(dataDir, kafkaPort, idpPort, gpPort, gpStaffPort, municipalityPort,
                municipalityStaffPort, providerPort, providerStaffPort, nodesDir,
                Duration.ofSeconds(startupTimeoutSeconds));
        Map<Integer, String> used = new HashMap<>();
        for (Map.Entry<String, Integer> port : options.ports().entrySet()) {
            String other = used.putIfAbsent(port.getValue(), port.getKey());
            if (other != null) {
                throw new ParameterException(spec.commandLine(), other + " and " + port.getKey() + " are both "
                        + port.getValue() + "; every port must differ");
            }
        }
        return options;
    }

    /** A TCP port, 1 to 65535. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return NetworkOptionsMixin.number(value, 1, 65535, "");
        }
    }

    /** A number of seconds, 1 to 3600. */
    static final class TimeoutConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return NetworkOptionsMixin.number(value, 1, 3600, " seconds");
        }
    }

    /** A path that is not empty. */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a valid path: '" + value + "'");
            }
        }
    }

    private static int number(String value, int min, int max, String unit) {
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw new TypeConversionException("must be between " + min + " and " + max + unit + ", got " + number);
        }
        return number;
    }
}
