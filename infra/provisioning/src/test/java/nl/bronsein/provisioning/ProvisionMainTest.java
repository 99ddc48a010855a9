package nl.bronsein.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * The provisioning command against a real secured broker, with certificates from a dev CA and real TLS clients for
 * each participant. The tests build on each other (one broker, one participant list): dry run, provisioning, what each
 * participant can then do, a second run, a participant leaving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionMainTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final String PROVIDER = "urn:nld:kvk:87654321";
    /** Listed, with a valid certificate, involved in nothing. */
    private static final String FOURTH = "urn:nld:kvk:11223344";
    private static final String OPERATOR = "urn:nld:kvk:99990000";

    private static final String GP_INBOX = NotificationTopics.inbox("GP_PRACTICE", GP);
    private static final String MUNICIPALITY_INBOX = NotificationTopics.inbox("MUNICIPALITY", MUNICIPALITY);
    private static final String PROVIDER_INBOX = NotificationTopics.inbox("PROVIDER", PROVIDER);
    private static final String CONTACT_POINTS = NotificationTopics.generic(SharedObjectType.CONTACT_POINT);
    private static final String CATALOGUE = NotificationTopics.generic(SharedObjectType.SERVICE);

    @TempDir
    static Path dir;

    private static SecuredTestNetwork network;

    @BeforeAll
    static void startSecuredBroker() {
        network = SecuredTestNetwork.start(dir, OPERATOR, Map.of(GP, "GP_PRACTICE", MUNICIPALITY, "MUNICIPALITY",
                PROVIDER, "PROVIDER", FOURTH, "GP_PRACTICE"));
    }

    @AfterAll
    static void stopBroker() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void aDryRunPrintsWhatItWouldDoAndChangesNothing() throws Exception {
        Run run = provision("--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("create topic " + GP_INBOX + " (partitions 1)")
                .contains("create topic " + PublicationCheckpoint.ownTopic(ParticipantId.of(GP))
                        + " (partitions 1, compacted)")
                .contains("create topic bronsein.generic.contact-point (partitions 1, compacted)")
                .contains("create topic bronsein.generic.service (partitions 1, compacted)")
                .contains("create acl   User:" + MUNICIPALITY + " ALLOW WRITE TOPIC LITERAL " + CATALOGUE)
                .doesNotContain("create acl   User:" + GP + " ALLOW WRITE TOPIC LITERAL " + CATALOGUE)
                .contains("create acl   User:" + GP + " ALLOW READ TOPIC LITERAL " + GP_INBOX)
                .contains("create acl   User:" + MUNICIPALITY + " ALLOW WRITE TOPIC PREFIXED bronsein.inbox.gp-practice.")
                .contains("dry run: ").contains("nothing changed");
        try (Admin admin = network.admin(OPERATOR)) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    @Order(2)
    void provisioningCreatesEachParticipantsTopicsAndAcls() throws Exception {
        Run run = provision();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("provisioned 4 participants: 10 topics and 42 ACLs created");
        try (Admin admin = network.admin(OPERATOR)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(GP_INBOX, MUNICIPALITY_INBOX,
                    PROVIDER_INBOX, CONTACT_POINTS, CATALOGUE, PublicationCheckpoint.ownTopic(ParticipantId.of(FOURTH)));
            // the broker answers describeAcls from its copy of the metadata log, which follows the controller's commit
            // by a moment: a loaded machine once answered an empty list right after the command returned
            List<String> expected = List.of(
                    "User:" + GP + " ALLOW READ GROUP LITERAL bronsein-urn-nld-kvk-12345678",
                    "User:" + GP + " ALLOW WRITE TRANSACTIONAL_ID PREFIXED bronsein-relay-" + GP + "-",
                    "User:" + OPERATOR + " ALLOW READ TOPIC PREFIXED bronsein.");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!acls(admin).containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(acls(admin)).containsAll(expected);
        }
    }

    @Test
    @Order(3)
    void aParticipantReadsItsInboxAndWritesOnlyToTheRolesItMayAddress() throws Exception {
        // the municipality may address GP practices: its write to the GP's inbox is accepted
        try (KafkaProducer<String, String> producer = network.producer(MUNICIPALITY, null)) {
            producer.send(new ProducerRecord<>(GP_INBOX, "case-1", "changed")).get(30, TimeUnit.SECONDS);
            // ... but not municipalities, itself included
            assertThat(failure(() -> producer.send(new ProducerRecord<>(MUNICIPALITY_INBOX, "k", "v"))
                    .get(30, TimeUnit.SECONDS))).isInstanceOf(TopicAuthorizationException.class);
            // it publishes its service catalogue ...
            producer.send(new ProducerRecord<>(CATALOGUE, "service-1", "changed")).get(30, TimeUnit.SECONDS);
        }
        // ... to which a GP practice may not write: only municipalities publish a catalogue
        try (KafkaProducer<String, String> producer = network.producer(GP, null)) {
            assertThat(failure(() -> producer.send(new ProducerRecord<>(CATALOGUE, "k", "v"))
                    .get(30, TimeUnit.SECONDS))).isInstanceOf(TopicAuthorizationException.class);
        }
        // the GP reads its inbox with its own group
        try (KafkaConsumer<String, String> consumer = network.consumer(GP, NetworkAccess.defaultGroupOf(ParticipantId.of(GP)))) {
            consumer.subscribe(List.of(GP_INBOX));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("changed");
        }
        // the GP cannot read the provider's inbox
        try (KafkaConsumer<String, String> consumer = network.consumer(GP, null)) {
            TopicPartition partition = new TopicPartition(PROVIDER_INBOX, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(4)
    void aRelayCommitsItsNotificationsAndItsCheckpointInOneTransactionAndReadsTheCheckpointBack() throws Exception {
        String checkpoint = PublicationCheckpoint.ownTopic(ParticipantId.of(GP));
        Map<String, Object> transactional = new HashMap<>();
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, PublicationCheckpoint.transactionalIdPrefix(GP) + "0");
        transactional.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> relay = network.producer(GP, transactional)) {
            relay.initTransactions();
            relay.beginTransaction();
            relay.send(new ProducerRecord<>(MUNICIPALITY_INBOX, "referral-1", "created"));
            relay.send(new ProducerRecord<>(checkpoint, GP, "1/00000000-0000-0000-0000-000000000001"));
            relay.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = network.consumer(GP, null)) {
            TopicPartition partition = new TopicPartition(checkpoint, 0);
            assertThat(consumer.partitionsFor(checkpoint, Duration.ofSeconds(30))).hasSize(1);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::key).containsExactly(GP);
        }
        // another node may not use the GP's transactional ids
        Map<String, Object> impostor = new HashMap<>(transactional);
        try (KafkaProducer<String, String> relay = network.producer(PROVIDER, impostor)) {
            assertThat(catchThrowable(relay::initTransactions)).isInstanceOf(
                    org.apache.kafka.common.errors.TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    @Order(5)
    void anUninvolvedListedParticipantSeesNothingButTheGenericTopicsAndItsOwn() throws Exception {
        try (KafkaProducer<String, String> producer = network.producer(MUNICIPALITY, null)) {
            producer.send(new ProducerRecord<>(CONTACT_POINTS, "cp-1", "contact point")).get(30, TimeUnit.SECONDS);
        }
        List<String> othersTopics = List.of(GP_INBOX, MUNICIPALITY_INBOX, PROVIDER_INBOX,
                PublicationCheckpoint.ownTopic(ParticipantId.of(GP)));
        try (Admin admin = network.admin(FOURTH)) {
            // The authorizer hides what it may not describe: another GP's inbox and checkpoints. WRITE on the prefix of
            // the roles a GP may address implies DESCRIBE, so the names of the municipalities' and providers' inboxes
            // (the participant list's ids) are visible to it, but none of their records (below).
            assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrder(CONTACT_POINTS, CATALOGUE, NotificationTopics.inbox("GP_PRACTICE", FOURTH),
                            PublicationCheckpoint.ownTopic(ParticipantId.of(FOURTH)), MUNICIPALITY_INBOX, PROVIDER_INBOX);
        }
        try (KafkaConsumer<String, String> consumer = network.consumer(FOURTH, null)) {
            TopicPartition generic = new TopicPartition(CONTACT_POINTS, 0);
            consumer.assign(List.of(generic));
            consumer.seekToBeginning(List.of(generic));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("contact point");
            for (String topic : othersTopics) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).as(topic)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    @Order(6)
    void aClientWithoutACertificateCannotConnect() {
        Map<String, Object> props = new HashMap<>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, network.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.certificates", network.caPem(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000));
        try (Admin admin = Admin.create(props)) {
            assertThat(failure(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    @Order(7)
    void aSecondRunChangesNothing() throws Exception {
        List<String> before;
        try (Admin admin = network.admin(OPERATOR)) {
            before = acls(admin);
        }
        Run run = provision();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("up to date: 4 participants, nothing to change" + System.lineSeparator());
        try (Admin admin = network.admin(OPERATOR)) {
            assertThat(acls(admin)).isEqualTo(before);
        }
    }

    @Test
    @Order(8)
    void aParticipantThatLeftTheListLosesItsAclsAndTopics() throws Exception {
        network.writeParticipantList(Map.of(GP, "GP_PRACTICE", MUNICIPALITY, "MUNICIPALITY", FOURTH, "GP_PRACTICE"));
        Run dryRun = provision("--dry-run");
        assertThat(dryRun.out()).contains("remove acl   User:" + PROVIDER + " ALLOW READ TOPIC LITERAL " + PROVIDER_INBOX)
                .contains("remove topic " + PROVIDER_INBOX);
        try (Admin admin = network.admin(OPERATOR)) {
            assertThat(acls(admin)).anyMatch(acl -> acl.startsWith("User:" + PROVIDER));
        }

        Run run = provision();

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Admin admin = network.admin(OPERATOR)) {
            List<String> acls = acls(admin);
            assertThat(acls).noneMatch(acl -> acl.startsWith("User:" + PROVIDER))
                    .anyMatch(acl -> acl.startsWith("User:" + GP));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(PROVIDER_INBOX,
                    PublicationCheckpoint.ownTopic(ParticipantId.of(PROVIDER))).contains(GP_INBOX);
        }
        // the GP's write to the provider role prefix is still allowed, but the provider itself has nothing left
        try (Admin admin = network.admin(PROVIDER)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    @Order(9)
    void badArgumentsAreRefusedWithAClearLine() {
        Run unlisted = provision("--operator", "someone");
        assertThat(unlisted.exitCode()).isEqualTo(2);
        assertThat(unlisted.err()).contains("--operator: not a participant id");

        Run missing = run("--bootstrap-server", network.bootstrapServers(), "--participant-list",
                dir.resolve("nowhere.json").toString(), "--tls-certificate", network.certificateFile(OPERATOR).toString(),
                "--tls-key", network.keyFile(OPERATOR).toString(), "--tls-ca", network.caFile().toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--participant-list: participant list").contains("does not exist");
    }

    /**
     * More than one call's worth of topics and ACLs is provisioned in batches, and each is complete: KRaft refuses an
     * operation of more than 10,000 metadata records, which one call for 1,500 participants was.
     */
    @Test
    @Order(10)
    void aListLargerThanOneCallIsProvisionedInBatches() throws Exception {
        Map<String, String> roles = new java.util.TreeMap<>(Map.of(GP, "GP_PRACTICE", MUNICIPALITY, "MUNICIPALITY"));
        for (int i = 0; i < 260; i++) {
            roles.put(String.format("urn:nld:kvk:3%07d", i), "PROVIDER");
        }
        network.writeParticipantListWithoutCertificates(roles);
        NetworkAccess wanted = NetworkAccess.of(ParticipantList.read(new FileSystemResource(network.participantList()))
                .all(), List.of(ParticipantId.of(OPERATOR)), 1);
        assertThat(wanted.acls()).hasSizeGreaterThan(Provisioner.ACLS_PER_CALL);
        assertThat(wanted.topics()).hasSizeGreaterThan(Provisioner.TOPICS_PER_CALL);

        Run run = provision("--operator", OPERATOR, "--timeout", "120");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Admin admin = network.admin(OPERATOR)) {
            assertThat(acls(admin)).containsExactlyInAnyOrderElementsOf(NetworkAccess.describe(wanted.acls()));
            assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).containsAll(wanted.topics().keySet());
        }
    }

    @Test
    void batchesCoverEveryItemOnceInOrder() {
        List<List<Integer>> batches = new ArrayList<>();
        Provisioner.inBatches(java.util.stream.IntStream.range(0, 5).boxed().toList(), 2, batches::add);
        assertThat(batches).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
        Provisioner.inBatches(List.<Integer>of(), 2, batches::add);
        assertThat(batches).hasSize(3);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Run provision(String... extra) {
        List<String> args = new ArrayList<>(network.provisionArguments());
        args.add("--partitions");
        args.add("1");
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ProvisionMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static List<String> acls(Admin admin) throws Exception {
        List<AclBinding> acls = new ArrayList<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        return NetworkAccess.describe(acls);
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).as("records received within 30 s").hasSize(count);
        return records;
    }

    private static Throwable failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must fail").isNotNull();
        return thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
