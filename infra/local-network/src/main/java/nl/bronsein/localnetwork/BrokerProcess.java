package nl.bronsein.localnetwork;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        // from the launcher's own jar, or its class path when it runs from classes (tests, an IDE)
        command.addAll(KafkaBrokerMain.processCommand(javaExecutable(), NodeProcess.JVM_OPTIONS,
                LocalNetworkMain.launcherLocation()));
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

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** True once the broker said it is ready for clients (it says so only after a client could connect). */
    @Override
    boolean ready(HttpClient http) {
        return logTail(Integer.MAX_VALUE).stream().anyMatch(line -> line.startsWith(KafkaBrokerMain.READY));
    }
}
