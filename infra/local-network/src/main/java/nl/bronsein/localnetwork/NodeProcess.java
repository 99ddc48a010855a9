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
import java.util.Map;

import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.localnetwork.Participants.Participant;

/** One node, run as its own OS process from its executable jar, its output appended to its log file. */
final class NodeProcess extends ChildProcess {

    /**
     * JVM options of the nodes: C1 only, which starts a Spring Boot node in about 60% of the time on a small machine
     * (measured on 2 cores: both nodes healthy after 23 s instead of 40 s); peak throughput does not matter here.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * The {@code staff} registration's client secret
     * ({@code spring.security.oauth2.client.registration.staff.client-secret}) in Spring Boot's environment-variable
     * form: in the environment, not on the command line, where every user's {@code ps} and the start marker line of the
     * node's log would show it.
     */
    static final String CLIENT_SECRET_VARIABLE = "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_STAFF_CLIENTSECRET";

    private final Participant participant;
    private final URI health;

    NodeProcess(Participant participant, List<String> command, Path workingDir, Path log, URI health) {
        this(participant, command, Map.of(), workingDir, log, health);
    }

    NodeProcess(Participant participant, List<String> command, Map<String, String> environment, Path workingDir,
                Path log, URI health) {
        super("the " + participant.label(), participant.stem(), command, environment, workingDir, log);
        this.participant = participant;
        this.health = health;
    }

    /**
     * The node of {@code participant} in the network laid out by {@code files}, with the given Kafka address, its staff
     * signed in by the network's identity provider as its client with {@code clientSecret}.
     */
    static NodeProcess of(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                          String bootstrapServers, String clientSecret) {
        int staffPort = options.staffPort(participant);
        return new NodeProcess(participant, command(participant, files, options, nodesDir, bootstrapServers, true),
                Map.of(CLIENT_SECRET_VARIABLE, clientSecret),
                files.nodeDataDir(participant), files.log(participant),
                URI.create("http://127.0.0.1:" + staffPort + "/actuator/health"));
    }

    /**
     * Sign-in at the identity provider: the staff pages' OAuth2 client (registration {@code staff}, authorization code;
     * Spring Security adds PKCE), and the staff API's tokens verified at the provider's JWKS. The endpoints are named
     * one by one rather than found through {@code issuer-uri}, which a node would fetch at its start: so a node starts
     * while the identity provider is briefly away (restarted by the launcher).
     */
    static List<String> staffSignIn(Participant participant, NetworkOptions options) {
        String issuer = options.idpIssuer();
        String registration = "--spring.security.oauth2.client.registration.staff.";
        String provider = "--spring.security.oauth2.client.provider.staff.";
        return List.of(
                registration + "client-id=" + participant.stem(),
                registration + "authorization-grant-type=authorization_code",
                registration + "scope=openid,profile",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                provider + "authorization-uri=" + issuer + "/oauth2/authorize",
                provider + "token-uri=" + issuer + "/oauth2/token",
                provider + "jwk-set-uri=" + issuer + "/oauth2/jwks",
                provider + "user-info-uri=" + issuer + "/userinfo",
                provider + "user-name-attribute=sub",
                // signing out of the pages signs out at the identity provider too (RP-initiated logout)
                "--bronsein.staff-pages.sign-out-uri=" + issuer + "/connect/logout",
                "--bronsein.staff.jwk-set-uri=" + issuer + "/oauth2/jwks");
    }

    /**
     * {@code <java.home>/bin/java <JVM_OPTIONS> -jar <nodesDir>/<jar> --spring-boot-properties...}, all paths
     * absolute; the staff API verifies tokens with the staff-issuer's public key file, for a network without the
     * identity provider running (ChaosIT's).
     */
    static List<String> command(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                                String bootstrapServers) {
        return command(participant, files, options, nodesDir, bootstrapServers, false);
    }

    private static List<String> command(Participant participant, NetworkFiles files, NetworkOptions options,
                                        Path nodesDir, String bootstrapServers, boolean identityProvider) {
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
        // the identity provider's issuer, which the launcher's development tokens name too
        command.add("--bronsein.staff.issuer=" + options.idpIssuer());
        command.add("--bronsein.staff.audience=" + participant.id());
        if (identityProvider) {
            command.addAll(staffSignIn(participant, options));
        } else {
            command.add("--bronsein.staff.public-key=file:" + files.staffIssuerPublicKey());
        }
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
