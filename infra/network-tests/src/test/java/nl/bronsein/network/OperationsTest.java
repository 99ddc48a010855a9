package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.gp.referral.ReferralService;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.runtime.operations.OutboxHealthIndicator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operations: the health of broker, database and outbox, and the runtime's metrics, through a broker outage. Health is
 * read from the node's own health endpoint bean, not over the (secured) staff port.
 */
class OperationsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestNetwork network;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork();
        // the GP as startNodes() starts it, with an outbox that counts as behind after two seconds
        network.restartGp(network.broker.bootstrapServers(), Map.of("bronsein.operations.outbox-max-age", "2s"));
        network.municipality = network.startMunicipality();
        network.provider = network.startProvider();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void healthFollowsTheBrokerAndTheBacklogRisesAndDrainsWhileTheCountersMove() {
        // (a) everything up at the start: the database, the broker, the outbox
        assertThat(network.gp.getBean(OutboxHealthIndicator.class).maxAge()).isEqualTo(Duration.ofSeconds(2));
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {network.gp, network.municipality, network.provider}) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(health(node, "db").getStatus()).isEqualTo(Status.UP);
                assertThat(health(node, "kafka").getStatus()).isEqualTo(Status.UP);
                assertThat(health(node, "outbox").getStatus()).isEqualTo(Status.UP);
                assertThat(health(node).getStatus()).isEqualTo(Status.UP);
            });
        }

        // (b) the broker goes away and the GP records a referral: the broker is down, the backlog rises and ages
        network.broker.stop();
        String during = recordReferral();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(health(network.gp, "kafka").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health(network.gp).getStatus()).isEqualTo(Status.DOWN);
        });
        assertThat(gauge(network.gp, "bronsein.outbox.backlog")).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            IndicatedHealthDescriptor outbox = (IndicatedHealthDescriptor) health(network.gp, "outbox");
            assertThat(outbox.getStatus()).isEqualTo(OutboxHealthIndicator.DEGRADED);
            assertThat((Long) outbox.getDetails().get("backlog")).isGreaterThanOrEqualTo(1);
            assertThat((Long) outbox.getDetails().get("oldestAgeSeconds")).isGreaterThanOrEqualTo(2);
            assertThat(gauge(network.gp, "bronsein.outbox.oldest.age")).isGreaterThan(2.0);
        });
        // counts and ages only, nothing about the referral itself
        assertThat(((IndicatedHealthDescriptor) health(network.gp, "outbox")).getDetails())
                .containsOnlyKeys("backlog", "oldestAgeSeconds", "maxAgeSeconds");

        // (c) the broker is back: up again, and the backlog drains
        network.broker.start();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(health(network.gp, "kafka").getStatus()).isEqualTo(Status.UP);
            assertThat(gauge(network.gp, "bronsein.outbox.backlog")).isZero();
            assertThat(gauge(network.gp, "bronsein.outbox.oldest.age")).isZero();
            assertThat(health(network.gp, "outbox").getStatus()).isEqualTo(Status.UP);
            assertThat(health(network.gp).getStatus()).isEqualTo(Status.UP);
        });

        // (d) the referral went through, and the counters saw it: published, received, pulled for intake
        CaseRepository cases = network.municipality.getBean(CaseRepository.class);
        await().atMost(PATIENCE).until(() -> cases.findByReferral(Participants.GP.urn, during).isPresent());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(counter(network.gp, "bronsein.events.published", "object_type", "referral")).isPositive();
            assertThat(counter(network.municipality, "bronsein.events.received", "topic", Participants.MUNICIPALITY.inbox(),
                    "outcome", "stored")).isPositive();
            assertThat(counter(network.municipality, "bronsein.events.handled", "object_type", "referral",
                    "outcome", "handled")).isPositive();
            assertThat(counter(network.gp, "bronsein.pulls.served", "object_type", "referral", "purpose", "intake",
                    "outcome", "ALLOWED")).isPositive();
            Timer pulls = registry(network.municipality).find("bronsein.pull.duration")
                    .tags("object_type", "referral", "purpose", "intake", "outcome", "ok").timer();
            assertThat(pulls).isNotNull();
            assertThat(pulls.count()).isPositive();
        });
        // tags never name an object
        assertThat(registry(network.gp).getMeters()).allSatisfy(meter ->
                assertThat(meter.getId().getTags()).noneSatisfy(tag -> assertThat(tag.getValue()).contains(during)));
    }

    /** Records a referral at the GP: over the staff API, or — should that refuse this test's token — at its service. */
    private String recordReferral() {
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals", Referrals.deVriesJson());
        if (posted.statusCode() == 201) {
            return TestNetwork.JSON.readTree(posted.body()).path("id").asString();
        }
        ReferralDraft draft = network.gp.getBean(JsonMapper.class).readValue(Referrals.deVriesJson(), ReferralDraft.class);
        return network.gp.getBean(ReferralService.class).record(draft).id().toString();
    }

    private static HealthDescriptor health(ConfigurableApplicationContext node, String... path) {
        HealthEndpoint endpoint = node.getBean(HealthEndpoint.class);
        return path.length == 0 ? endpoint.health() : endpoint.healthForPath(path);
    }

    private static MeterRegistry registry(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class);
    }

    private static double gauge(ConfigurableApplicationContext node, String name) {
        return registry(node).get(name).gauge().value();
    }

    private static double counter(ConfigurableApplicationContext node, String name, String... tags) {
        Counter counter = registry(node).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
