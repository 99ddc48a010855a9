package nl.bronsein.kafkabroker;

import static nl.bronsein.kafkabroker.Records.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real secured broker, real certificates from a dev CA, real TLS. One broker for the class: each test uses its own
 * topics and groups.
 */
class SecuredBrokerTest {

    private static final String BROKER_OIN = "00000009999999999999";
    private static final String OPERATOR_KVK = "99990000";
    /** Participants A and B differ only in the subject serialNumber: same O and CN, same CA. */
    private static final String ORGANISATION = "Huisartsenpraktijk De Linde";
    private static final String A_KVK = "12345678";
    private static final String B_KVK = "87654321";
    private static final String A = "urn:nld:kvk:" + A_KVK;

    @TempDir
    static Path dataDir;

    private static DevCertificateAuthority ca;
    private static NodeCredentials operator;
    private static NodeCredentials participantA;
    private static NodeCredentials participantB;
    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        ca = DevCertificateAuthority.generate("Test CA");
        NodeCredentials brokerCredentials = ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer", BROKER_OIN));
        operator = ca.issue(NodeCertificateRequest.of("Beheerder", OPERATOR_KVK));
        participantA = ca.issue(NodeCertificateRequest.of(ORGANISATION, A_KVK));
        participantB = ca.issue(NodeCertificateRequest.of(ORGANISATION, B_KVK));
        BrokerSecurity security = new BrokerSecurity(PemFiles.toPem(brokerCredentials.chain()),
                PemFiles.toPem(brokerCredentials.privateKey()), PemFiles.toPem(ca.certificate()),
                Set.of("urn:nld:kvk:" + OPERATOR_KVK));
        assertThat(security.brokerParticipant()).isEqualTo("urn:nld:oin:" + BROKER_OIN);
        broker = LocalKafkaBroker.secured(dataDir, 0, security);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBrokerRunsWithTlsClientAuthenticationAndTheStandardAuthorizerDenyingByDefault() {
        assertThat(broker.brokerProperties())
                .containsEntry("listener.security.protocol.map", "SSL:SSL,CONTROLLER:SSL")
                .containsEntry("ssl.client.auth", "required")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("principal.builder.class", ParticipantPrincipalBuilder.class.getName())
                .containsEntry("super.users", "User:urn:nld:oin:" + BROKER_OIN + ";User:urn:nld:kvk:" + OPERATOR_KVK);
    }

    @Test
    void aClientWithoutACertificateCannotConnect() {
        Map<String, Object> tlsWithoutCertificate = new HashMap<>(Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.certificates", PemFiles.toPem(ca.certificate())));
        try (Admin admin = Admin.create(quick(tlsWithoutCertificate))) {
            assertThat(failure(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aPlaintextClientGetsNoAnswer() {
        try (Admin admin = Admin.create(quick(new HashMap<>()))) {
            assertThat(failure(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aCertificateFromAnotherCaCannotConnect() {
        DevCertificateAuthority otherCa = DevCertificateAuthority.generate("Other CA");
        NodeCredentials impostor = otherCa.issue(NodeCertificateRequest.of(ORGANISATION, A_KVK));
        // it trusts the broker (the real CA), but the broker does not trust its issuer
        try (Admin admin = Admin.create(quick(clientProperties(impostor)))) {
            assertThat(failure(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aCertificateOfTheRightCaThatNamesNoParticipantGetsNoPrincipal() throws Exception {
        NodeCredentials anonymous = ca.issue(NodeCertificateRequest.of(ORGANISATION, "NOT-A-KVK"));
        try (Admin admin = Admin.create(quick(clientProperties(anonymous)))) {
            // the broker closes the connection once it cannot build a principal: the client never gets an answer
            assertThat(failure(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(TimeoutException.class);
        }
        // the same broker still serves participants
        try (Admin admin = admin(operator)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aParticipantWithoutAclsCanNeitherProduceNorConsume() throws Exception {
        createTopic("no-acls");
        try (KafkaProducer<String, String> producer = producer(participantA)) {
            assertThat(failure(() -> producer.send(new ProducerRecord<>("no-acls", "k", "v")).get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // without a group (with one, the group's and the topic's refusals race each other; the next test has both)
        try (KafkaConsumer<String, String> consumer = consumer(participantA, null)) {
            TopicPartition partition = new TopicPartition("no-acls", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void anAclForTheParticipantIdOpensTheTopicToThatParticipantOnly() throws Exception {
        createTopic("referrals");
        try (KafkaProducer<String, String> producer = producer(operator)) {
            for (String value : List.of("r1", "r2", "r3")) {
                producer.send(new ProducerRecord<>("referrals", value, value)).get(30, TimeUnit.SECONDS);
            }
        }
        try (Admin admin = admin(operator)) {
            admin.createAcls(List.of(
                    allow(A, ResourceType.TOPIC, "referrals", AclOperation.READ),
                    allow(A, ResourceType.GROUP, "gp-group", AclOperation.READ),
                    // B may use its own group, but has no ACL on the topic
                    allow("urn:nld:kvk:" + B_KVK, ResourceType.GROUP, "provider-group", AclOperation.READ)))
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                    .extracting(binding -> binding.entry().principal())
                    .contains("User:" + A);
        }

        // A is the principal the broker sees for A's certificate: the ACLs on "User:urn:nld:kvk:12345678" apply
        try (KafkaConsumer<String, String> consumer = consumer(participantA, "gp-group")) {
            consumer.subscribe(List.of("referrals"));
            assertThat(pollUntil(consumer, 3)).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("r1", "r2", "r3");
        }
        // READ is not WRITE
        try (KafkaProducer<String, String> producer = producer(participantA)) {
            assertThat(failure(() -> producer.send(new ProducerRecord<>("referrals", "k", "v")).get(30, TimeUnit.SECONDS)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // the group ACL names one group: another is refused, though the topic is readable
        try (KafkaConsumer<String, String> consumer = consumer(participantA, "other-group")) {
            consumer.subscribe(List.of("referrals"));
            assertThatThrownBy(() -> pollUntil(consumer, 1))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        // B, whose certificate differs from A's only in the serialNumber, may use its group but not read the topic
        try (KafkaConsumer<String, String> consumer = consumer(participantB, "provider-group")) {
            consumer.subscribe(List.of("referrals"));
            assertThatThrownBy(() -> pollUntil(consumer, 1))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aRestartKeepsTheSecurityAndTheAcls(@TempDir Path ownDataDir) throws Exception {
        try (LocalKafkaBroker own = LocalKafkaBroker.secured(ownDataDir, 0, broker.security().orElseThrow())) {
            own.start();
            try (Admin admin = Admin.create(clientProperties(operator, own))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                admin.createAcls(List.of(allow(A, ResourceType.TOPIC, "kept", AclOperation.WRITE)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            own.stop();
            own.start(); // the readiness check connects over mutual TLS as the broker's own participant

            // the ACL lives in the metadata log: A still writes, B still may not
            try (KafkaProducer<String, String> producer = producer(clientProperties(participantA, own))) {
                assertThat(producer.send(new ProducerRecord<>("kept", "k", "v")).get(30, TimeUnit.SECONDS).offset())
                        .isZero();
            }
            try (KafkaProducer<String, String> producer = producer(clientProperties(participantB, own))) {
                assertThat(failure(() -> producer.send(new ProducerRecord<>("kept", "k", "v")).get(30, TimeUnit.SECONDS)))
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void aBrokerCertificateThatNamesNoParticipantIsRefusedUpFront() {
        NodeCredentials nameless = ca.issue(NodeCertificateRequest.of("Broker", "broker-1"));
        assertThatThrownBy(() -> new BrokerSecurity(PemFiles.toPem(nameless.chain()),
                PemFiles.toPem(nameless.privateKey()), PemFiles.toPem(ca.certificate()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OIN or KvK");
        assertThatThrownBy(() -> new BrokerSecurity(PemFiles.toPem(operator.chain()),
                PemFiles.toPem(operator.privateKey()), PemFiles.toPem(ca.certificate()), Set.of("CN=someone")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("superUsers");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static AclBinding allow(String participant, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + participant, "*", operation, AclPermissionType.ALLOW));
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = admin(operator)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> clientProperties(NodeCredentials credentials) {
        return clientProperties(credentials, broker);
    }

    private static Map<String, Object> clientProperties(NodeCredentials credentials, LocalKafkaBroker target) {
        Map<String, Object> props = new HashMap<>(BrokerSecurity.clientSslProperties(
                PemFiles.toPem(credentials.chain()), PemFiles.toPem(credentials.privateKey()),
                PemFiles.toPem(ca.certificate())));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        return props;
    }

    /** Short timeouts for clients that are expected to fail. */
    private static Map<String, Object> quick(Map<String, Object> props) {
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
        return props;
    }

    private static Admin admin(NodeCredentials credentials) {
        return Admin.create(clientProperties(credentials));
    }

    private static KafkaProducer<String, String> producer(NodeCredentials credentials) {
        return producer(clientProperties(credentials));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> props) {
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Not idempotent, so that WRITE on the topic is the only grant asked for. An idempotent producer first needs a
        // producer id (WRITE on some topic or IDEMPOTENT_WRITE on the cluster) and is refused with a
        // ClusterAuthorizationException that races the topic's refusal; which grants a node gets is the ACL
        // provisioning's business, not this test's.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(NodeCredentials credentials, String groupId) {
        Map<String, Object> props = clientProperties(credentials);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** What the call failed with, unwrapped from the future's {@link ExecutionException}. */
    private static Throwable failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must fail").isNotNull();
        return thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
