package nl.bronsein.network.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import nl.bronsein.network.docker.ContainerNetwork.Participant;
import tools.jackson.databind.JsonNode;

/**
 * The network against a containerised Kafka (the apache/kafka image a deployment would use, through Testcontainers)
 * instead of the in-JVM broker: a GP referral becomes a case at the municipality, the wijkteam picks it up, and the GP's
 * timeline shows both, learned from the case. Runs only with {@code -Pdocker}; skipped where no Docker engine answers.
 * The image can be changed with {@code -Dbronsein.test.kafka-image=apache/kafka:<version>}.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerKafkaEndToEndTest {

    static final String KAFKA_IMAGE = System.getProperty("bronsein.test.kafka-image", "apache/kafka:4.2.1");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));

    private ContainerNetwork network;

    @BeforeAll
    void startNodes() throws Exception {
        network = new ContainerNetwork(KAFKA.getBootstrapServers()).startNodes();
    }

    @AfterAll
    void stopNodes() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aReferralBecomesACaseIsPickedUpAndTheGpTimelineShowsBoth() {
        HttpResponse<String> posted = network.staffPost(Participant.GP, "/api/v1/referrals", referral());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String referralId = ContainerNetwork.JSON.readTree(posted.body()).path("id").asString();

        // the municipality pulled the referral (mutual TLS) after the notification crossed the containerised broker
        String caseId = await().atMost(PATIENCE).until(() -> caseFor(referralId), id -> id != null);
        awaitMilestones(referralId, "ARRIVED");

        HttpResponse<String> contactPoint = network.staffPost(Participant.MUNICIPALITY, "/api/v1/contact-points",
                Map.of("name", "Wijkteam Zwolle-Zuid", "phone", "038-4981234"));
        assertThat(contactPoint.statusCode()).as(contactPoint.body()).isEqualTo(201);
        String wijkteam = ContainerNetwork.JSON.readTree(contactPoint.body()).path("id").asString();
        HttpResponse<String> pickedUp = network.staffPost(Participant.MUNICIPALITY,
                "/api/v1/cases/" + caseId + "/pick-up", Map.of("contactPointId", wijkteam));
        assertThat(pickedUp.statusCode()).as(pickedUp.body()).isEqualTo(200);

        JsonNode timeline = awaitMilestones(referralId, "ARRIVED", "PICKED_UP");
        for (JsonNode step : timeline.path("steps")) {
            assertThat(step.path("source").path("owner").asString()).isEqualTo(Participant.MUNICIPALITY.urn);
            assertThat(step.path("source").path("objectType").asString()).isEqualTo("case");
            assertThat(step.path("source").path("objectId").asString()).isEqualTo(caseId);
        }
        assertThat(timeline.path("steps").get(0).path("label").asString()).isEqualTo("aangekomen");
        assertThat(timeline.path("steps").get(1).path("label").asString()).isEqualTo("opgepakt");
        assertThat(timeline.path("contactPoint").path("name").asString()).isEqualTo("Wijkteam Zwolle-Zuid");
    }

    private String caseFor(String referralId) {
        for (JsonNode c : network.staffGetJson(Participant.MUNICIPALITY, "/api/v1/cases")) {
            if (c.path("referralId").asString().equals(referralId)) {
                return c.path("id").asString();
            }
        }
        return null;
    }

    private JsonNode awaitMilestones(String referralId, String... milestones) {
        return await().atMost(PATIENCE).until(
                () -> network.staffGetJson(Participant.GP, "/api/v1/referrals/" + referralId + "/timeline"),
                timeline -> {
                    List<String> reached = new ArrayList<>();
                    timeline.path("steps").forEach(step -> reached.add(step.path("milestone").asString()));
                    return reached.equals(List.of(milestones));
                });
    }

    /** A referral of a fictitious citizen to the municipality, with consent for intake and feedback to the GP. */
    private static Map<String, Object> referral() {
        return Map.of(
                "citizen", Map.of("bsn", "999993653", "name", "Geertruida de Vries-Bakker", "birthDate", "1944-03-12",
                        "address", Map.of("street", "Dorpsstraat", "houseNumber", "12", "postalCode", "8011 AB",
                                "city", "Zwolle"),
                        "phone", "038-4211234"),
                "contactPerson", Map.of("name", "Marijke de Vries", "relation", "daughter (mantelzorger)",
                        "phone", "06-87654321"),
                "consent", Map.of("givenAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "form", "SIGNED",
                        "documentReference", "HIS-2026-0042", "purposes", List.of("intake", "referral-feedback")),
                "requestedSupport", "Wheelchair (Wmo maatwerkvoorziening)",
                "problemAnalysis", "Can no longer walk to the shops unaided",
                "urgency", "REGULAR",
                "contactPoint", Map.of("name", "Huisartsenpraktijk De Linde - assistentie", "phone", "038-1234567",
                        "email", "assistentie@delinde.example"),
                "addressee", Participant.MUNICIPALITY.urn);
    }
}
