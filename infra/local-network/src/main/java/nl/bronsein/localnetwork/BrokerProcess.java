package nl.bronsein.localnetwork;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import nl.bronsein.kafkabroker.KafkaBrokerMain;

/**
 * The network's Kafka broker ({@link KafkaBrokerMain}), run as its own OS process from the launcher's own jar, its
 * output appended to {@code DATA_DIR/logs/kafka.log}.
 *
 * <p>It ran inside the launcher's JVM before. There, nothing could tell that it had died: a broker whose raft thread
 * failed (a rebuild had rewritten the jar it loaded classes from) left the nodes without a broker while the launcher
 * kept saying nothing, and a fatal Kafka error halts the JVM it runs in, which took the launcher with it and left the
 * node processes running. As a process of its own it dies alone, and the launcher sees it exit like a node.
 */
final class BrokerProcess extends ChildProcess {

    /** A system property on the broker's command line that names it. */
    static final String TAG = "-Dbronsein.local-network.process=kafka-broker";
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String SPRING_BOOT_LOADER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final int port;

    BrokerProcess(List<String> command, Path workingDir, Path log, int port) {
        super("the Kafka broker", "kafka", command, workingDir, log);
        this.port = port;
    }

    static BrokerProcess of(NetworkFiles files, int port) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SHELL)) {
            // Ctrl-C in the terminal signals every process of the launcher's group at once. The broker must outlive
            // the nodes' shutdown (they close their Kafka clients), so it ignores SIGINT (a JVM started with SIGINT
            // ignored keeps it so) and stops when the launcher asks, after the nodes.
            command.addAll(List.of(SHELL.toString(), "-c", "trap '' INT; exec \"$0\" \"$@\""));
        }
        command.addAll(javaCommand(KafkaBrokerMain.class.getName()));
        // first among the JVM's options, so that ps (and ProcessHandle, which cuts a command line at 4096 characters,
        // before the main class when the launcher runs from a long class path) tells the broker from the nodes
        command.add(command.indexOf(javaExecutable().toString()) + 1, TAG);
        command.add("--port");
        command.add(Integer.toString(port));
        command.add("--data-dir");
        command.add(files.kafkaDir().toString());
        // the secured broker: TLS listeners only, clients with a certificate of the network's CA, ACLs (issue 16)
        command.addAll(List.of("--tls-certificate", files.certificate(NetworkFiles.BROKER).toString(),
                "--tls-key", files.privateKey(NetworkFiles.BROKER).toString(),
                "--tls-ca", files.caCertificate().toString(), "--super-user", NetworkFiles.operatorId()));
        return new BrokerProcess(command, files.kafkaDir(), files.logsDir().resolve("kafka.log"), port);
    }

    /**
     * {@code java … mainClass} on the classes this launcher runs from: its Spring Boot jar (through Spring Boot's
     * {@code PropertiesLauncher}, which runs any main class of such a jar), or its class path when it runs from classes
     * (tests, an IDE).
     */
    static List<String> javaCommand(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(NodeProcess.JVM_OPTIONS);
        Path launcher = LocalNetworkMain.launcherLocation();
        if (isSpringBootJar(launcher)) {
            command.add("-cp");
            command.add(launcher.toString());
            command.add("-Dloader.main=" + mainClass);
            command.add(SPRING_BOOT_LOADER);
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
        }
        return command;
    }

    private static boolean isSpringBootJar(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            return jar.getManifest() != null
                    && jar.getManifest().getMainAttributes().getValue(new Attributes.Name("Start-Class")) != null;
        } catch (IOException e) {
            return false;
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** True once the broker said it is ready for clients (it says so only after a client could connect). */
    @Override
    boolean ready(HttpClient http) {
        return logTail(Integer.MAX_VALUE).stream().anyMatch(line -> line.startsWith(KafkaBrokerMain.READY));
    }
}
