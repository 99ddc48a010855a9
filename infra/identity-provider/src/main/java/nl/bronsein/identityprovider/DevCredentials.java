package nl.bronsein.identityprovider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.bronsein.devpki.PemFiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client secrets and the development users with their passwords, in {@code DATA_DIR/dev-credentials.json} (owner
 * only): made on the first start and kept, so that a node's configuration and a developer's saved password stay valid
 * across restarts. The launcher prints the users from it, and tests sign in with it. The IdP holds only BCrypt hashes of
 * them in memory.
 *
 * <pre>
 * {"clients": [{"clientId": "gp", "clientSecret": "..."}, ...],
 *  "users": [{"username": "gp.huisarts", "password": "...", "name": "Anna Linde (huisarts)", "clientId": "gp",
 *             "roles": ["GP"]}, ...]}
 * </pre>
 */
public record DevCredentials(List<Client> clients, List<User> users) {

    public static final String FILE_NAME = "dev-credentials.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DevCredentials {
        clients = List.copyOf(clients);
        users = List.copyOf(users);
    }

    /** A node's OAuth2 client. */
    public record Client(String clientId, String clientSecret) {
    }

    /** A development member of staff of the node whose client is {@code clientId}, with one task. */
    public record User(String username, String password, String name, String clientId, List<String> roles) {
        public User {
            roles = List.copyOf(roles);
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reads the file an identity provider wrote in {@code dataDir}. */
    public static DevCredentials read(Path dataDir) {
        try {
            return JSON.readValue(Files.readString(file(dataDir)), DevCredentials.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(dataDir), e);
        }
    }

    /**
     * The credentials for these nodes: secrets and passwords already in the file are kept, missing ones made; names and
     * roles follow {@link NodeKind}. The file is written only when something changed.
     */
    static DevCredentials loadOrCreate(Path dataDir, List<IdentityProviderProperties.Node> nodes, SecureRandom random) {
        Path file = file(dataDir);
        Map<String, String> secrets = new HashMap<>();
        Map<String, String> passwords = new HashMap<>();
        DevCredentials existing = null;
        if (Files.exists(file)) {
            existing = read(dataDir);
            existing.clients().forEach(c -> secrets.put(c.clientId(), c.clientSecret()));
            existing.users().forEach(u -> passwords.put(u.username(), u.password()));
        }
        List<Client> clients = new ArrayList<>();
        List<User> users = new ArrayList<>();
        for (IdentityProviderProperties.Node node : nodes) {
            clients.add(new Client(node.clientId(), secrets.computeIfAbsent(node.clientId(), id -> randomText(random))));
            for (NodeKind.Seat seat : node.kind().seats()) {
                String username = node.kind().username(seat);
                users.add(new User(username, passwords.computeIfAbsent(username, u -> randomText(random)),
                        seat.displayName(), node.clientId(), List.of(seat.role())));
            }
        }
        DevCredentials credentials = new DevCredentials(clients, users);
        long distinct = users.stream().map(User::username).distinct().count();
        if (distinct != users.size()) {
            throw new IllegalArgumentException("bronsein.idp.nodes: two nodes of the same kind would share usernames;"
                    + " give each kind of node once");
        }
        if (!credentials.equals(existing)) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dataDir, e);
            }
            PemFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(credentials)
                    + System.lineSeparator(), true);
        }
        return credentials;
    }

    public Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    public String clientSecret(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).map(Client::clientSecret).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId));
    }

    /** The users of one node's client. */
    public List<User> users(String clientId) {
        return users.stream().filter(u -> u.clientId().equals(clientId)).toList();
    }

    /** 144 random bits, URL-safe: no character that needs quoting in a shell or a form. */
    private static String randomText(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
