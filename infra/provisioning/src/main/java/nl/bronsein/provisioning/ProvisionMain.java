package nl.bronsein.provisioning;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.core.io.FileSystemResource;

import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's provisioning command: makes the broker hold exactly the topics and ACLs the participant list calls
 * for ({@link NetworkAccess}), connecting over mutual TLS as a super user of the secured broker.
 *
 * <p>Exit codes: 0 done (also a dry run, and after {@code --help}), 2 bad arguments or an unusable file, 3 Kafka
 * refused or could not be reached.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the topics and ACLs every participant in the list needs and removes those of "
                + "participants that left it. Idempotent: a second run changes nothing.",
                "Connects over mutual TLS with an operator's (super user's) certificate."},
        exitCodeOnInvalidInput = ProvisionMain.EXIT_USAGE, exitCodeOnExecutionException = ProvisionMain.EXIT_KAFKA)
public final class ProvisionMain implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    static final int EXIT_KAFKA = 3;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "the secured broker")
    String bootstrapServer;

    @Option(names = "--participant-list", required = true, paramLabel = "FILE",
            description = "the network's participant list (the JSON file the nodes read)")
    Path participantList;

    @Option(names = "--tls-certificate", required = true, paramLabel = "FILE",
            description = "the operator's PEM certificate chain (leaf first); its participant must be a super user")
    Path certificate;

    @Option(names = "--tls-key", required = true, paramLabel = "FILE",
            description = "the operator's unencrypted PKCS#8 PEM key")
    Path key;

    @Option(names = "--tls-ca", required = true, paramLabel = "FILE",
            description = "the PEM CA certificate(s) the broker's certificate chains to")
    Path ca;

    @Option(names = "--operator", paramLabel = "ID",
            description = "a participant id (urn:nld:oin:..., urn:nld:kvk:...) that may READ every bronsein. topic, "
                    + "inboxes included: for test networks only; repeatable. An operator left out of a later run "
                    + "loses that right.")
    List<String> operators = new ArrayList<>();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "partitions of a created inbox or generic topic (default ${DEFAULT-VALUE}, as a node makes "
                    + "its topics); an existing topic is not changed")
    int partitions;

    @Option(names = "--dry-run", description = "print what would be created and removed, change nothing")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for Kafka (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private PrintStream out = System.out;

    public static void main(String[] args) {
        // before the first logger: a command's own logging, not whatever logback.xml the class path holds
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "nl/bronsein/provisioning/command-logback.xml");
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command, printing its lines on {@code out} and a failure on {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        ProvisionMain command = new ProvisionMain();
        command.out = out;
        CommandLine line = new CommandLine(command)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    commandLine.getErr().println("provision: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_KAFKA;
                });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        List<ParticipantId> operatorIds = new ArrayList<>();
        for (String operator : operators) {
            if (!ParticipantId.isValid(operator)) {
                throw new IllegalArgumentException("--operator: not a participant id (urn:nld:oin:<20 digits> or "
                        + "urn:nld:kvk:<8 digits>): '" + operator + "'");
            }
            operatorIds.add(ParticipantId.of(operator));
        }
        ParticipantList participants;
        try {
            participants = ParticipantList.read(new FileSystemResource(participantList));
        } catch (ParticipantList.InvalidParticipantListException e) {
            throw new IllegalArgumentException("--participant-list: " + e.getMessage(), e);
        }
        NetworkAccess wanted = NetworkAccess.of(participants.all(), operatorIds, partitions);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try (Admin admin = Admin.create(adminConfig(timeout))) {
            Provisioner provisioner = new Provisioner(admin, timeout);
            Provisioner.Plan plan = provisioner.plan(wanted);
            plan.lines().forEach(out::println);
            if (dryRun) {
                out.println("dry run: " + plan.summary() + "; nothing changed");
            } else {
                provisioner.apply(plan);
                out.println(plan.isEmpty() ? "up to date: " + participants.all().size() + " participants, nothing to change"
                        : "provisioned " + participants.all().size() + " participants: " + plan.summary()
                        .replace("to create", "created").replace("to remove", "removed"));
            }
        } catch (Provisioner.ProvisioningException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServer + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private Map<String, Object> adminConfig(Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", read(certificate, "--tls-certificate"));
        config.put("ssl.keystore.key", read(key, "--tls-key"));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.certificates", read(ca, "--tls-ca"));
        return config;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
