package nl.bronsein.localnetwork;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.localnetwork.Participants.Participant;

/** One node, run as its own OS process from its executable jar, its output appended to its log file. */
final class NodeProcess extends ChildProcess {

    /**
     * JVM options of the nodes: C1 only, which starts a Spring Boot node in about 60% of the time on a small machine
     * (measured on 2 cores: both nodes healthy after 23 s instead of 40 s); peak throughput does not matter here.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Participant participant;
    private final URI health;

    NodeProcess(Participant participant, List<String> command, Path workingDir, Path log, URI health) {
        super("the " + participant.label(), participant.stem(), command, workingDir, log);
        this.participant = participant;
        this.health = health;
    }

    /** The node of {@code participant} in the network laid out by {@code files}, with the given Kafka address. */
    static NodeProcess of(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                          String bootstrapServers) {
        int staffPort = options.staffPort(participant);
        return new NodeProcess(participant, command(participant, files, options, nodesDir, bootstrapServers),
                files.nodeDataDir(participant), files.log(participant),
                URI.create("http://127.0.0.1:" + staffPort + "/actuator/health"));
    }

    /**
     * {@code <java.home>/bin/java <JVM_OPTIONS> -jar <nodesDir>/<jar> --spring-boot-properties...}, all paths
     * absolute.
     */
    static List<String> command(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                                String bootstrapServers) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(nodesDir.toAbsolutePath().normalize().resolve(participant.nodeJar()).toString());
        command.add("--bronsein.node.participant-id=" + participant.id());
        command.add("--bronsein.node.participant-list=file:" + files.participantList());
        command.add("--spring.ssl.bundle.pem.network.keystore.certificate=file:" + files.certificate(participant));
        command.add("--spring.ssl.bundle.pem.network.keystore.private-key=file:" + files.privateKey(participant));
        command.add("--spring.ssl.bundle.pem.network.truststore.certificate=file:" + files.caCertificate());
        command.add("--server.port=" + options.port(participant));
        command.add("--bronsein.staff-api.port=" + options.staffPort(participant));
        command.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
        command.add("--bronsein.data-dir=" + files.nodeDataDir(participant));
        command.add("--bronsein.staff.issuer=" + DevStaffIssuer.ISSUER);
        command.add("--bronsein.staff.audience=" + participant.id());
        command.add("--bronsein.staff.public-key=file:" + files.staffIssuerPublicKey());
        command.add("--bronsein.staff.max-token-lifetime=" + DevStaffIssuer.DEVELOPMENT_TOKEN_VALIDITY.toDays() + "d");
        // readable text in the node logs a developer tails; a node's own default is JSON lines (ECS) for a log platform
        command.add("--logging.structured.format.console=");
        return command;
    }

    Participant participant() {
        return participant;
    }

    URI health() {
        return health;
    }

    /** True if the node's staff API answers its health endpoint with 200 now. */
    @Override
    boolean ready(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
