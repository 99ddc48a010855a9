package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.devpki.CertificateSubjects;
import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.localnetwork.Participants.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NetworkFilesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @Test
    void participantListNamesAllThreeParticipantsWithTheirCertificates() throws Exception {
        NetworkOptions options = NetworkOptions.defaults().withDataDir(dir.resolve("net"));
        NetworkFiles files = new NetworkFiles(options.dataDir());
        NetworkFiles.Prepared prepared = files.prepare(options, CommandLineTest.print(warnings));

        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(files.participantList()));
        List<JsonNode> entries = new ArrayList<>();
        root.path("participants").forEach(entries::add);
        assertThat(entries).hasSize(3);
        JsonNode gp = entries.get(0);
        JsonNode municipality = entries.get(1);
        JsonNode provider = entries.get(2);
        assertThat(gp.path("id").asString()).isEqualTo("urn:nld:kvk:12345678");
        assertThat(gp.path("role").asString()).isEqualTo("GP_PRACTICE");
        assertThat(gp.path("name").asString()).isEqualTo("Huisartsenpraktijk De Linde");
        assertThat(gp.path("nodeUrl").asString()).isEqualTo("https://localhost:8443");
        assertThat(municipality.path("id").asString()).isEqualTo("urn:nld:oin:00000001001234567000");
        assertThat(municipality.path("role").asString()).isEqualTo("MUNICIPALITY");
        assertThat(municipality.path("name").asString()).isEqualTo("Gemeente Zwolle");
        assertThat(municipality.path("nodeUrl").asString()).isEqualTo("https://localhost:9443");
        assertThat(provider.path("id").asString()).isEqualTo("urn:nld:kvk:87654321");
        assertThat(provider.path("role").asString()).isEqualTo("PROVIDER");
        assertThat(provider.path("name").asString()).isEqualTo("Zorg en Welzijn IJsselland");
        assertThat(provider.path("nodeUrl").asString()).isEqualTo("https://localhost:7443");
        assertThat(gp.propertyNames()).containsExactly("id", "role", "name", "nodeUrl", "certificateSha256");

        for (int i = 0; i < 3; i++) {
            Participant participant = Participants.ALL.get(i);
            X509Certificate certificate = firstCertificate(files.certificate(participant));
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
            assertThat(entries.get(i).path("certificateSha256").asString())
                    .isEqualTo(sha256)
                    .isEqualTo(prepared.fingerprints().get(participant))
                    .matches("[0-9a-f]{64}");
            assertThat(CertificateSubjects.serialNumber(certificate)).contains(participant.serialNumber());
            certificate.verify(firstCertificate(files.caCertificate()).getPublicKey());
            assertThat(files.privateKey(participant)).isRegularFile();
        }
        assertThat(prepared.issued()).containsOnly(Map.entry(Participants.GP, true),
                Map.entry(Participants.MUNICIPALITY, true), Map.entry(Participants.PROVIDER, true));
        assertThat(files.logsDir()).isDirectory();
        assertThat(files.kafkaDir()).isDirectory();
        assertThat(files.nodeDataDir(Participants.GP)).isDirectory();
        assertThat(files.nodeDataDir(Participants.MUNICIPALITY)).isDirectory();
        assertThat(files.nodeDataDir(Participants.PROVIDER)).isDirectory();
        assertThat(files.dataDir().resolve("pki/provider.crt")).isRegularFile();
    }

    @Test
    void nodeUrlsFollowTheChosenPorts() throws Exception {
        NetworkOptions options = new NetworkOptions(dir, 19092, 19000, 18443, 18080, 19443, 19080, 17443, 17080, null,
                Duration.ofSeconds(5));
        NetworkFiles files = new NetworkFiles(dir);
        files.prepare(options, CommandLineTest.print(warnings));
        JsonNode list = JsonMapper.builder().build().readTree(Files.readString(files.participantList()))
                .path("participants");
        assertThat(list.get(0).path("nodeUrl").asString()).isEqualTo("https://localhost:18443");
        assertThat(list.get(1).path("nodeUrl").asString()).isEqualTo("https://localhost:19443");
        assertThat(list.get(2).path("nodeUrl").asString()).isEqualTo("https://localhost:17443");
    }

    @Test
    void aSecondPreparationReusesThePki() throws Exception {
        NetworkOptions options = NetworkOptions.defaults().withDataDir(dir);
        NetworkFiles files = new NetworkFiles(dir);
        NetworkFiles.Prepared first = files.prepare(options, CommandLineTest.print(warnings));
        byte[] caBefore = Files.readAllBytes(files.caCertificate());
        byte[] gpKeyBefore = Files.readAllBytes(files.privateKey(Participants.GP));
        String listBefore = Files.readString(files.participantList());

        NetworkFiles.Prepared second = new NetworkFiles(dir).prepare(options, CommandLineTest.print(warnings));

        assertThat(second.fingerprints()).isEqualTo(first.fingerprints());
        assertThat(second.issued()).containsOnly(Map.entry(Participants.GP, false),
                Map.entry(Participants.MUNICIPALITY, false), Map.entry(Participants.PROVIDER, false));
        assertThat(Files.readAllBytes(files.caCertificate())).isEqualTo(caBefore);
        assertThat(Files.readAllBytes(files.privateKey(Participants.GP))).isEqualTo(gpKeyBefore);
        assertThat(Files.readString(files.participantList())).isEqualTo(listBefore);
        assertThat(warnings.toString()).isEmpty();
    }

    @Test
    void aDataDirectoryOfTheTwoNodeNetworkGetsTheProviderAdded() throws Exception {
        NetworkOptions options = NetworkOptions.defaults().withDataDir(dir);
        NetworkFiles files = new NetworkFiles(dir);
        NetworkFiles.Prepared first = files.prepare(options, CommandLineTest.print(warnings));
        // as the two-node launcher left it: no provider certificate, key or database
        Files.delete(files.certificate(Participants.PROVIDER));
        Files.delete(files.privateKey(Participants.PROVIDER));
        Files.delete(files.nodeDataDir(Participants.PROVIDER));
        byte[] caBefore = Files.readAllBytes(files.caCertificate());

        NetworkFiles.Prepared second = new NetworkFiles(dir).prepare(options, CommandLineTest.print(warnings));

        assertThat(second.issued()).containsOnly(Map.entry(Participants.GP, false),
                Map.entry(Participants.MUNICIPALITY, false), Map.entry(Participants.PROVIDER, true));
        assertThat(second.fingerprints().get(Participants.GP)).isEqualTo(first.fingerprints().get(Participants.GP));
        assertThat(second.fingerprints().get(Participants.PROVIDER))
                .isNotEqualTo(first.fingerprints().get(Participants.PROVIDER));
        assertThat(Files.readAllBytes(files.caCertificate())).isEqualTo(caBefore);
        firstCertificate(files.certificate(Participants.PROVIDER))
                .verify(firstCertificate(files.caCertificate()).getPublicKey());
        assertThat(Files.readString(files.participantList())).contains(second.fingerprints().get(Participants.PROVIDER));
        assertThat(files.nodeDataDir(Participants.PROVIDER)).isDirectory();
    }

    /**
     * One development token per node plays every member of staff of that node: each role its staff API guards an
     * endpoint with, the municipality's catalogue editor included (the demo publishes a service with it), and on every
     * node the privacy officer who reads the processing log.
     */
    @Test
    void eachNodesStaffTokenHoldsEveryTaskOfThatKindOfNode() throws Exception {
        NetworkOptions options = NetworkOptions.defaults().withDataDir(dir.resolve("net"));
        new NetworkFiles(options.dataDir()).prepare(options, CommandLineTest.print(warnings));

        Map<String, String> tokens = NetworkFiles.readStaffTokens(options.dataDir());

        assertThat(roles(tokens.get("gp"))).containsExactly("GP", "PRACTICE_ASSISTANT", "NODE_ADMIN", "PRIVACY_OFFICER");
        assertThat(roles(tokens.get("municipality"))).containsExactly("INTAKE_OFFICER", "WIJKTEAM_MEMBER",
                "CATALOGUE_EDITOR", "NODE_ADMIN", "PRIVACY_OFFICER");
        assertThat(roles(tokens.get("provider"))).containsExactly("PROVIDER_PLANNER", "NODE_ADMIN", "PRIVACY_OFFICER");
        // in the identity provider's name, under its key's id: the nodes verify them at its JWKS
        NetworkFiles files = new NetworkFiles(options.dataDir());
        DevStaffIssuer key = DevStaffIssuer.loadOrGenerate(files.staffIssuerPublicKey(), files.staffIssuerPrivateKey());
        assertThat(part(tokens.get("gp"), 0).path("kid").asString()).isEqualTo(key.keyId());
        assertThat(part(tokens.get("gp"), 1).path("iss").asString()).isEqualTo(options.idpIssuer());
    }

    /** The roles claim of a JWT, read from its payload as a node's staff API reads it. */
    private static List<String> roles(String token) {
        List<String> roles = new ArrayList<>();
        part(token, 1).path("roles").forEach(role -> roles.add(role.asString()));
        return roles;
    }

    /** A JWT's header (0) or claims (1). */
    private static JsonNode part(String token, int index) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    @Test
    void relativeDataDirIsMadeAbsolute() {
        NetworkFiles files = new NetworkFiles(Path.of("some", "dir"));
        assertThat(files.dataDir()).isAbsolute();
        assertThat(files.certificate(Participants.GP)).isEqualTo(files.dataDir().resolve("pki/gp.crt"));
        assertThat(files.log(Participants.MUNICIPALITY))
                .isEqualTo(files.dataDir().resolve("logs/municipality.log"));
    }

    private static X509Certificate firstCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
