package nl.bronsein.localnetwork;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.bronsein.localnetwork.Participants.Participant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network's OpenID Connect provider ({@code infra/identity-provider}), run as its own OS process from
 * {@code identity-provider.jar} beside the node jars, its output appended to
 * {@code DATA_DIR/logs/identity-provider.log}.
 * It signs staff in at the nodes' staff pages and issues the tokens their staff APIs take, with the network's
 * staff-issuer key. It keeps its sign-ins in memory: after a restart, staff sign in again.
 */
final class IdentityProviderProcess extends ChildProcess {

    static final String JAR = "identity-provider.jar";

    private final URI discovery;

    IdentityProviderProcess(List<String> command, Path workingDir, Path log, URI discovery) {
        super("the identity provider", "identity-provider", command, workingDir, log);
        this.discovery = discovery;
    }

    static IdentityProviderProcess of(NetworkFiles files, NetworkOptions options, Path nodesDir) {
        return new IdentityProviderProcess(command(files, options, nodesDir), files.idpDataDir(), files.idpLog(),
                URI.create(options.idpIssuer() + "/.well-known/openid-configuration"));
    }

    /** {@code java -jar identity-provider.jar} with a client per node and the network's staff-issuer key. */
    static List<String> command(NetworkFiles files, NetworkOptions options, Path nodesDir) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(NodeProcess.JVM_OPTIONS);
        command.add("-jar");
        command.add(nodesDir.toAbsolutePath().normalize().resolve(JAR).toString());
        command.add("--server.port=" + options.idpPort());
        command.add("--bronsein.idp.data-dir=" + files.idpDataDir());
        command.add("--bronsein.idp.signing-key.public-key=" + files.staffIssuerPublicKey());
        command.add("--bronsein.idp.signing-key.private-key=" + files.staffIssuerPrivateKey());
        for (int i = 0; i < Participants.ALL.size(); i++) {
            Participant participant = Participants.ALL.get(i);
            String node = "--bronsein.idp.nodes[" + i + "].";
            command.add(node + "client-id=" + participant.stem());
            command.add(node + "kind=" + participant.role());
            command.add(node + "participant=" + participant.id());
            command.add(node + "staff-port=" + options.staffPort(participant));
        }
        return command;
    }

    /** True once its OpenID configuration answers 200: the nodes can sign staff in from then on. */
    @Override
    boolean ready(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A development member of staff, as the identity provider wrote it. */
    record User(String username, String password, String name, String clientId, List<String> roles) {
    }

    /** The client secrets (by client id, the participant's stem) and the development users. */
    record Credentials(Map<String, String> clientSecrets, List<User> users) {

        List<User> users(Participant participant) {
            return users.stream().filter(user -> user.clientId().equals(participant.stem())).toList();
        }

        /**
         * Reads {@code DATA_DIR/idp/dev-credentials.json}, which the identity provider writes before it answers.
         *
         * @throws IOException if it is missing or not what the identity provider writes
         */
        static Credentials read(Path file) throws IOException {
            JsonNode root;
            try {
                root = JsonMapper.builder().build().readTree(Files.readString(file));
            } catch (JacksonException e) {
                throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
            }
            Map<String, String> secrets = new LinkedHashMap<>();
            root.path("clients").forEach(client -> secrets.put(client.path("clientId").asString(),
                    client.path("clientSecret").asString()));
            List<User> users = new ArrayList<>();
            for (JsonNode user : root.path("users")) {
                List<String> roles = new ArrayList<>();
                user.path("roles").forEach(role -> roles.add(role.asString()));
                users.add(new User(user.path("username").asString(), user.path("password").asString(),
                        user.path("name").asString(), user.path("clientId").asString(), List.copyOf(roles)));
            }
            for (Participant participant : Participants.ALL) {
                if (secrets.getOrDefault(participant.stem(), "").isBlank()) {
                    throw new IOException(file + " holds no client secret for " + participant.stem());
                }
            }
            return new Credentials(Map.copyOf(secrets), List.copyOf(users));
        }
    }
}
