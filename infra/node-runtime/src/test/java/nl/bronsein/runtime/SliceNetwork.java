package nl.bronsein.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.trust.ParticipantRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network a {@link NodeServiceSliceTest} node lives in: a GP practice, two municipalities and two providers. The node
 * under test is the one named by {@code bronsein.node.participant-id}; it gets a certificate of its own from a fresh
 * development CA and is listed with that certificate's fingerprint, so the runtime's identity check runs as at a real
 * start. The others are listed only: nobody talks to them.
 */
public final class SliceNetwork implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String GP = "urn:nld:kvk:11112222";
    public static final String MUNICIPALITY = "urn:nld:oin:00000001234567890000";
    public static final String OTHER_MUNICIPALITY = "urn:nld:oin:00000001999999990000";
    public static final String PROVIDER = "urn:nld:kvk:12345678";
    public static final String OTHER_PROVIDER = "urn:nld:kvk:87654321";

    private static final Map<String, ParticipantRole> ROLES = Map.of(GP, ParticipantRole.GP_PRACTICE,
            MUNICIPALITY, ParticipantRole.MUNICIPALITY, OTHER_MUNICIPALITY, ParticipantRole.MUNICIPALITY,
            PROVIDER, ParticipantRole.PROVIDER, OTHER_PROVIDER, ParticipantRole.PROVIDER);

    /** The role {@code urn} has in the network. */
    public static ParticipantRole roleOf(String urn) {
        ParticipantRole role = ROLES.get(urn);
        if (role == null) {
            throw new IllegalArgumentException(urn + " is not in the slice's network " + ROLES.keySet());
        }
        return role;
    }

    /**
     * Ahead of the node's own defaults file, which points at a database file and at files an operator provides: the
     * slice runs on a fresh in-memory H2 and on the files written here.
     */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String self = environment.getRequiredProperty("bronsein.node.participant-id");
        roleOf(self);
        Path dir = write(self);
        environment.getPropertySources().addFirst(new MapPropertySource("nodeServiceSlice", Map.of(
                "spring.datasource.url", "jdbc:h2:mem:slice-" + UUID.randomUUID(),
                "bronsein.node.participant-list", "file:" + dir.resolve("participants.json"),
                "spring.ssl.bundle.pem.network.keystore.certificate", "file:" + dir.resolve("node.crt"),
                "spring.ssl.bundle.pem.network.keystore.private-key", "file:" + dir.resolve("node.key"),
                "spring.ssl.bundle.pem.network.truststore.certificate", "file:" + dir.resolve("ca.crt"))));
    }

    private static Path write(String self) {
        try {
            Path dir = Files.createTempDirectory("node-service-slice");
            DevCertificateAuthority ca = DevCertificateAuthority.generate("Node service slice CA");
            NodeCredentials node = ca.issue(NodeCertificateRequest.of(self, self.substring(self.lastIndexOf(':') + 1)));
            ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
            node.writePem(dir.resolve("node.crt"), dir.resolve("node.key"));
            List<Map<String, String>> entries = ROLES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> Map.of("id", e.getKey(), "role", e.getValue().name(), "name", e.getKey(),
                            "nodeUrl", "https://" + e.getKey().substring(e.getKey().lastIndexOf(':') + 1) + ".example:8443",
                            "certificateSha256", e.getKey().equals(self) ? node.sha256Fingerprint() : fingerprintOf(e.getKey())))
                    .toList();
            Files.writeString(dir.resolve("participants.json"),
                    JsonMapper.builder().build().writeValueAsString(Map.of("participants", entries)));
            try (var files = Files.list(dir)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fingerprint of its own for a participant without a certificate: the list refuses one certificate for two. */
    private static String fingerprintOf(String urn) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(urn.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
