package nl.bronsein.replay;

import static nl.bronsein.replay.ReplayTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.provisioning.ProvisionMain;
import nl.bronsein.replay.ReplayTestSupport.Run;
import nl.bronsein.replay.ReplayTestSupport.Sent;
import nl.bronsein.schemas.NotificationTopics;
import tools.jackson.databind.JsonNode;

/**
 * {@code dump} on a secured broker provisioned by infra/provisioning's command: with a participant's own certificate it
 * gets that participant's inbox and the generic topics and says which topics it skipped; with the tester's operator
 * identity ({@code --operator}, not a super user) it gets every inbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredDumpTest {

    private static final String PROVIDER = "urn:nld:kvk:87654321";
    /** Runs the provisioning: a super user of the broker. */
    private static final String ADMINISTRATOR = "urn:nld:kvk:99990000";
    /** The tester's identity on a test network: READ on every bronsein. topic through provisioning, nothing more. */
    private static final String TESTER = "urn:nld:kvk:99990001";
    private static final String GP_INBOX = NotificationTopics.inbox("GP_PRACTICE", ReplayTestSupport.GP);
    private static final String MUNICIPALITY_INBOX = NotificationTopics.inbox("MUNICIPALITY", ReplayTestSupport.MUNICIPALITY);
    private static final String PROVIDER_INBOX = NotificationTopics.inbox("PROVIDER", PROVIDER);

    @TempDir
    static Path dir;

    private LocalKafkaBroker broker;
    private final Map<String, NodeCredentials> identities = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.generate("Replay test CA");
        PemFiles.writeCertificates(dir.resolve("ca.crt"), ca.certificate());
        for (String id : List.of(ReplayTestSupport.GP, ReplayTestSupport.MUNICIPALITY, PROVIDER, ADMINISTRATOR, TESTER)) {
            NodeCredentials issued = ca.issue(NodeCertificateRequest.of("Deelnemer", number(id)));
            issued.writePem(dir.resolve(number(id) + ".crt"), dir.resolve(number(id) + ".key"));
            identities.put(id, issued);
        }
        Files.writeString(dir.resolve("participants.json"), "{\"participants\":["
                + entry(ReplayTestSupport.GP, "GP_PRACTICE", 8443) + ","
                + entry(ReplayTestSupport.MUNICIPALITY, "MUNICIPALITY", 9443) + ","
                + entry(PROVIDER, "PROVIDER", 7443) + "]}");
        NodeCredentials brokerIdentity = ca.issue(NodeCertificateRequest.of("Netwerkbeheer", "00000009999999999999"));
        broker = LocalKafkaBroker.secured(dir.resolve("kafka"), 0, new BrokerSecurity(
                PemFiles.toPem(brokerIdentity.chain()), PemFiles.toPem(brokerIdentity.privateKey()),
                PemFiles.toPem(ca.certificate()), Set.of(ADMINISTRATOR)));
        broker.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        List<String> provision = new ArrayList<>(List.of("--bootstrap-server", broker.bootstrapServers(),
                "--participant-list", dir.resolve("participants.json").toString(), "--partitions", "1",
                "--operator", TESTER, "--tls-ca", dir.resolve("ca.crt").toString()));
        provision.addAll(tlsOption(ADMINISTRATOR));
        int exit = ProvisionMain.run(print, print, provision.toArray(String[]::new));
        assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();

        // the fixture's referrals went to the municipality, its cases to the GP (written as the administrator)
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Sent sent : ReplayTestSupport.fixture()) {
            String inbox = sent.topic().equals(ReplayTestSupport.REFERRALS) ? MUNICIPALITY_INBOX : GP_INBOX;
            records.add(new ProducerRecord<>(inbox, null, sent.record().timestamp(), sent.key(), sent.record().value(),
                    sent.record().headers()));
        }
        Map<String, Object> client = new LinkedHashMap<>(BrokerSecurity.clientSslProperties(
                PemFiles.toPem(identities.get(ADMINISTRATOR).chain()),
                PemFiles.toPem(identities.get(ADMINISTRATOR).privateKey()), PemFiles.toPem(ca.certificate())));
        client.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void aParticipantDumpsItsOwnInboxAndTheGenericTopicsAndIsToldWhatWasSkipped() {
        Run run = dumpAs(ReplayTestSupport.GP);

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run);
        assertThat(lines).isNotEmpty().allMatch(line -> line.path("topic").asString().equals(GP_INBOX));
        assertThat(lines).hasSize((int) ReplayTestSupport.fixture().stream()
                .filter(s -> s.topic().equals(ReplayTestSupport.CASES)).count());
        // it sees the inboxes of the roles it may address (WRITE implies DESCRIBE), reads none of them
        assertThat(run.err()).contains("skipped " + MUNICIPALITY_INBOX + ": this identity may not read it")
                .contains("skipped " + PROVIDER_INBOX + ": this identity may not read it")
                .doesNotContain("skipped " + GP_INBOX).doesNotContain("Exception");
    }

    @Test
    void theTestersOperatorIdentityDumpsEveryInbox() {
        Run run = dumpAs(TESTER);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(lines(run)).extracting(line -> line.path("topic").asString())
                .contains(GP_INBOX, MUNICIPALITY_INBOX).hasSize(ReplayTestSupport.fixture().size());
        assertThat(run.err()).doesNotContain("skipped");
    }

    @Test
    void theTlsFilesGoTogether() {
        Run run = replay("dump", "--bootstrap-server", broker.bootstrapServers(), "--tls-certificate",
                dir.resolve(number(TESTER) + ".crt").toString());

        assertThat(run.exit()).isEqualTo(ReplayMain.EXIT_USAGE);
        assertThat(run.err()).contains("--tls-certificate, --tls-key and --tls-ca go together");
    }

    private Run dumpAs(String identity) {
        List<String> args = new ArrayList<>(List.of("dump", "--bootstrap-server", broker.bootstrapServers()));
        args.addAll(tlsOption(identity));
        args.addAll(List.of("--tls-ca", dir.resolve("ca.crt").toString()));
        return replay(args.toArray(String[]::new));
    }

    private static List<String> tlsOption(String identity) {
        return List.of("--tls-certificate", dir.resolve(number(identity) + ".crt").toString(),
                "--tls-key", dir.resolve(number(identity) + ".key").toString());
    }

    private static List<JsonNode> lines(Run run) {
        return run.out().lines().filter(line -> !line.isBlank()).map(ReplayTestSupport.JSON::readTree).toList();
    }

    private String entry(String id, String role, int port) {
        return "{\"id\":\"" + id + "\",\"role\":\"" + role + "\",\"name\":\"Deelnemer\",\"nodeUrl\":\"https://127.0.0.1:"
                + port + "\",\"certificateSha256\":\"" + identities.get(id).sha256Fingerprint() + "\"}";
    }

    private static String number(String id) {
        return id.substring(id.lastIndexOf(':') + 1);
    }
}
