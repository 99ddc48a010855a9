package nl.bronsein.runtime.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.runtime.RuntimeOnlyNode;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.outbox.Relay;
import nl.bronsein.runtime.web.Connectors;
import nl.bronsein.schemas.view.ContactPointView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/health} as a container health check or the local network's readiness wait sees it: over HTTP on
 * the staff port of a running node with a real broker. Only the status code reaches them, so a dead broker must be
 * 503, while an outbox that is behind stays 200 (the node still takes changes) and says so in the body — to the
 * node's administrator; anyone else, without a token or in another role, learns the status and nothing more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthOverHttpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String AUDIENCE = "bronsein-zwolle";

    private final HttpClient http = HttpClient.newHttpClient();
    private final DevStaffIssuer staffIssuer = DevStaffIssuer.generate();
    private RuntimeOnlyNode.WithBroker network;
    private ConfigurableApplicationContext node;

    @BeforeAll
    void start() throws IOException {
        network = new RuntimeOnlyNode.WithBroker("health-over-http");
        Map<String, String> settings = network.settings();
        // short enough that the test need not wait the defaults (a minute's backlog, five seconds' cached broker)
        settings.put("bronsein.operations.outbox-max-age", "1s");
        settings.put("bronsein.operations.broker-timeout", "1s");
        settings.put("bronsein.operations.broker-health-cache", "200ms");
        Path staffKey = Files.createTempFile("health-over-http-staff", ".pub");
        Files.writeString(staffKey, staffIssuer.publicKeyPem());
        settings.remove("bronsein.staff.jwk-set-uri");
        settings.put("bronsein.staff.public-key", "file:" + staffKey);
        settings.put("bronsein.staff.issuer", DevStaffIssuer.ISSUER);
        settings.put("bronsein.staff.audience", AUDIENCE);
        node = network.start(settings);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void withoutTheAdministratorsRoleHealthIsTheStatusAlone() throws Exception {
        // whatever state the other test left the node in (the same answer code for all, details or not)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health().component("outbox")).isNotEmpty());

        Answer stranger = health(null);
        Answer gp = health(token("GP", "PRACTICE_ASSISTANT"));
        Answer administrator = health(token("NODE_ADMIN"));

        // besides the status only the names of Spring Boot's probe groups (liveness, readiness), the same on every node
        assertThat(stranger.code()).isEqualTo(administrator.code());
        assertThat(stranger.json().propertyNames()).as(stranger.body()).containsOnly("status", "groups");
        assertThat(stranger.json().path("groups").toString()).isEqualTo("[\"liveness\",\"readiness\"]");
        assertThat(gp.code()).isEqualTo(administrator.code());
        assertThat(gp.json().propertyNames()).as(gp.body()).containsOnly("status", "groups");
        assertThat(administrator.json().path("components").path("outbox").path("details").has("backlog"))
                .as(administrator.body()).isTrue();
        assertThat(administrator.json().path("components").path("diskSpace").path("details").has("path")).isTrue();
        assertThat(administrator.json().path("components").path("intake").path("details").has("failedPolls"))
                .as(administrator.body()).isTrue();
        // nor component by component
        Answer kafka = get("/actuator/health/kafka", null);
        assertThat(kafka.body()).as("%s %s", kafka.code(), kafka.body()).doesNotContain("clusterId", "details");
        Answer intake = get("/actuator/health/intake", null);
        assertThat(intake.body()).as("%s %s", intake.code(), intake.body()).doesNotContain("failedPolls", "details");
    }

    @Test
    void upAndDegradedAnswer200ButABrokerThatIsGoneAnswers503() {
        // healthy: database, broker and outbox up
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer health = health();
            assertThat(health.code()).as(health.body()).isEqualTo(200);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.component("kafka")).isEqualTo("UP");
            assertThat(health.component("outbox")).isEqualTo("UP");
        });

        // the relay stops while the broker is there: a change waits in the outbox and grows older than its maximum
        node.getBean(Relay.class).stop();
        node.getBean(ContactPointService.class).publish(
                new ContactPointView("Wijkteam Zuid", "038-4981000", "wijkteam-zuid@zwolle.example"), null);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer health = health();
            assertThat(health.code()).as(health.body()).isEqualTo(200);
            assertThat(health.status()).isEqualTo("DEGRADED");
            assertThat(health.component("kafka")).isEqualTo("UP");
            assertThat(health.component("outbox")).isEqualTo("DEGRADED");
            JsonNode details = health.json().path("components").path("outbox").path("details");
            assertThat(details.path("backlog").asLong()).isEqualTo(1);
            assertThat(details.path("oldestAgeSeconds").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(details.path("maxAgeSeconds").asLong()).isEqualTo(1);
        });

        // the broker goes away: DOWN outranks DEGRADED, and a health check must see it in the status code
        network.broker().stop();
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer health = health();
            assertThat(health.code()).as(health.body()).isEqualTo(503);
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.component("kafka")).isEqualTo("DOWN");
            assertThat(health.component("outbox")).isEqualTo("DEGRADED");
        });

        // nothing in a node reports OUT_OF_SERVICE today; an operator's own indicator that does must not read as 200
        HttpCodeStatusMapper codes = node.getBean(HttpCodeStatusMapper.class);
        assertThat(codes.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(codes.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(codes.getStatusCode(OutboxHealthIndicator.DEGRADED)).isEqualTo(200);
        assertThat(codes.getStatusCode(Status.UP)).isEqualTo(200);
    }

    /** As the node's administrator sees it: the status code a health check sees, with the details. */
    private Answer health() throws IOException, InterruptedException {
        return health(token("NODE_ADMIN"));
    }

    private Answer health(String token) throws IOException, InterruptedException {
        return get("/actuator/health", token);
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        int port = node.getBean(Connectors.class).staffPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private String token(String... roles) {
        return staffIssuer.token("staff-health", AUDIENCE, List.of(roles), Duration.ofMinutes(30));
    }

    private record Answer(int code, String body) {

        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }

        String status() {
            return json().path("status").asString();
        }

        String component(String name) {
            return json().path("components").path(name).path("status").asString();
        }
    }
}
