package nl.bronsein.network.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import nl.bronsein.network.docker.ContainerNetwork.Participant;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.ContactPointsApi;
import nl.bronsein.staffclient.ReferralsApi;
import nl.bronsein.staffclient.StaffClient;
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
        String referralId = network.staff(Participant.GP).referrals().create(referral()).id();

        // the municipality pulled the referral (mutual TLS) after the notification crossed the containerised broker
        String caseId = await().atMost(PATIENCE).until(() -> caseFor(referralId), id -> id != null);
        awaitMilestones(referralId, "ARRIVED");

        StaffClient municipality = network.staff(Participant.MUNICIPALITY);
        String wijkteam = municipality.contactPoints().publish(
                new ContactPointsApi.ContactPointForm("Wijkteam Zwolle-Zuid", "038-4981234", null)).id();
        municipality.cases().pickUp(caseId, new CasesApi.PickUp(wijkteam));

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
        return network.staff(Participant.MUNICIPALITY).cases().list().stream()
                .filter(c -> referralId.equals(c.referralId())).map(CasesApi.Case::id).findFirst().orElse(null);
    }

    private JsonNode awaitMilestones(String referralId, String... milestones) {
        return await().atMost(PATIENCE).until(
                () -> network.staff(Participant.GP).referrals().timeline(referralId),
                timeline -> {
                    List<String> reached = new ArrayList<>();
                    timeline.path("steps").forEach(step -> reached.add(step.path("milestone").asString()));
                    return reached.equals(List.of(milestones));
                });
    }

    /** A referral of a fictitious citizen to the municipality, with consent for intake and feedback to the GP. */
    private static ReferralsApi.ReferralDraft referral() {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen("999993653", "Geertruida de Vries-Bakker", LocalDate.of(1944, 3, 12),
                        new ReferralsApi.Address("Dorpsstraat", "12", "8011 AB", "Zwolle"), "038-4211234"),
                new ReferralsApi.ContactPerson("Marijke de Vries", "daughter (mantelzorger)", "06-87654321"),
                new ReferralsApi.Consent(Instant.now().minus(1, ChronoUnit.HOURS), "SIGNED", "HIS-2026-0042",
                        List.of("intake", "referral-feedback")),
                "Wheelchair (Wmo maatwerkvoorziening)",
                "Can no longer walk to the shops unaided",
                "REGULAR",
                new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567",
                        "assistentie@delinde.example"),
                Participant.MUNICIPALITY.urn);
    }
}
