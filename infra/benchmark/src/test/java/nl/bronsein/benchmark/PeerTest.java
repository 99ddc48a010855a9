package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.EventPublicationRepository;

import nl.bronsein.benchmark.peer.PeerApplication;
import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.runtime.NodeRuntimeConfiguration;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.JsonNode;

/**
 * The Spring Modulith peer as the benchmark drives it, over real HTTP, on a real broker (H2 in memory): it records the
 * GP's referral with the GP's token, refuses what the GP refuses, and its event reaches Kafka once.
 */
class PeerTest {

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static DevStaffIssuer issuer;
    private static ConfigurableApplicationContext peer;
    private static String baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0);
        broker.start();
        issuer = DevStaffIssuer.generate();
        issuer.writeTo(dir.resolve("staff-issuer.pub"), dir.resolve("staff-issuer.key"));
        peer = PeerApplication.builder().run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:peer-test;DB_CLOSE_DELAY=-1",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--bronsein.staff.issuer=" + DevStaffIssuer.ISSUER,
                "--bronsein.staff.audience=" + Member.GP.urn,
                "--bronsein.staff.public-key=file:" + dir.resolve("staff-issuer.pub"),
                "--spring.main.banner-mode=off");
        baseUrl = "http://127.0.0.1:" + peer.getEnvironment().getRequiredProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void isASpringModulithApplicationAndNoNode() {
        // Spring Modulith's registry with its JDBC store; nothing of the node runtime, though it is on the classpath
        assertThat(peer.getBeanNamesForType(EventPublicationRegistry.class)).hasSize(1);
        assertThat(peer.getBeanNamesForType(EventPublicationRepository.class)).hasSize(1);
        assertThat(AopProxyUtils.ultimateTargetClass(peer.getBean(EventPublicationRepository.class)).getName())
                .contains(".jdbc.");
        assertThat(peer.getBeanNamesForType(NodeRuntimeConfiguration.class)).isEmpty();
    }

    @Test
    void recordsAReferralWithTheGpsTokenInTheGpsTables() {
        StaffApi.Recorded recorded = new StaffApi(baseUrl, token(Member.GP.urn)).record();

        assertThat(db().sql("select count(*) from referral r join consent_record c on c.id = r.consent_id "
                + "where r.id = :id").param("id", UUID.fromString(recorded.id())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theEventOfARecordedReferralReachesKafkaOnce() {
        StaffApi.Recorded recorded = new StaffApi(baseUrl, token(Member.GP.urn)).record();

        // the registry completes the publication once the broker acknowledged it: after that nothing more is sent
        await().atMost(Duration.ofSeconds(30)).until(() -> db().sql("select count(*) from event_publication "
                        + "where serialized_event like :id and completion_date is not null")
                .param("id", "%" + recorded.id() + "%").query(Long.class).single() == 1);

        List<ConsumerRecord<String, String>> events = eventsKeyed(recorded.id());
        assertThat(events).hasSize(1);
        JsonNode event = BenchNetwork.JSON.readTree(events.get(0).value());
        // the id and version, nothing of the referral's content (the consumer asks the source for that)
        assertThat(event.propertyNames()).containsExactlyInAnyOrder("referralId", "version");
        assertThat(event.get("referralId").asString()).isEqualTo(recorded.id());
        assertThat(event.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void refusesABadDraftAsTheGpDoesAndPublishesNothing() throws Exception {
        long publications = count("event_publication");
        long referrals = count("referral");
        String badPostalCode = StaffClient.json(ReferralSample.staffDraft()).replace("\"8011 AB\"", "\"80 AB\"");

        HttpResponse<String> answer = post(badPostalCode, token(Member.GP.urn));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = BenchNetwork.JSON.readTree(answer.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("citizen.address.postalCode");
        assertThat(answer.body()).doesNotContain("80 AB"); // the value is not echoed
        assertThat(count("referral")).isEqualTo(referrals);
        assertThat(count("event_publication")).isEqualTo(publications);
    }

    @Test
    void refusesACallWithoutATokenOrWithAnotherAudiencesWith401() throws Exception {
        String draft = StaffClient.json(ReferralSample.staffDraft());
        long referrals = count("referral");

        HttpResponse<String> noToken = post(draft, null);
        HttpResponse<String> otherAudience = post(draft, token(Member.MUNICIPALITY.urn));

        for (HttpResponse<String> answer : List.of(noToken, otherAudience)) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(count("referral")).isEqualTo(referrals);
    }

    private static String token(String audience) {
        return issuer.token("benchmark-his", audience, List.of("GP"), Duration.ofHours(1));
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/referrals"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JdbcClient db() {
        return peer.getBean(JdbcClient.class);
    }

    private static long count(String table) {
        return db().sql("select count(*) from " + table).query(Long.class).single();
    }

    /** Everything on the peer's topic up to its end, read by a plain consumer: the records with this key. */
    private static List<ConsumerRecord<String, String>> eventsKeyed(String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(PeerApplication.TOPIC, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> keyed = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read the topic to its end").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        keyed.add(r);
                    }
                });
            }
            return keyed;
        }
    }
}
