package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.bronsein.runtime.kafka.NodeKafkaConnection;
import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.trust.ParticipantId;

/**
 * A real node on the secured broker (mutual TLS only, ACLs, nothing allowed by default), provisioned from the
 * participant list by infra/provisioning's command: the GP's node connects with its own SSL bundle, relays a referral
 * and its checkpoint in one transaction (its transactional id and checkpoint topic as provisioned), joins its consumer
 * group, and meets no authorization error.

 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredBrokerNodeTest {

    private TestNetwork network;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void theGpNodeConnectsWithItsSslBundleRelaysWithItsCheckpointAndJoinsItsGroupWithoutAuthorizationErrors(
            CapturedOutput output) throws Exception {
        network.gp = network.startGp();
        assertThat(network.gp.getBean(NodeKafkaConnection.class).secured()).isTrue();

        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals", Referrals.deVriesJson());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

        // the relay's transaction committed the referral's notification and the GP's checkpoint
        String checkpoint = PublicationCheckpoint.ownTopic(ParticipantId.of(Participants.GP.urn));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(network.records(Participants.MUNICIPALITY.inbox())).isNotEmpty();
            assertThat(network.records(checkpoint)).extracting(r -> r.key()).contains(Participants.GP.urn);
        });
        // the listener joined the GP's own group (READ on it was provisioned)
        String group = "bronsein-" + Participants.GP.urn.replace(':', '-');
        try (Admin admin = Admin.create(network.operatorClient())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                assertThat(description.members()).isNotEmpty();
            });
        }
        assertThat(network.gp.getBean(HealthEndpoint.class).healthForPath("kafka").getStatus()).isEqualTo(Status.UP);
        assertThat(output.getAll()).doesNotContain("AuthorizationException").doesNotContain("not authorized")
                .doesNotContain("KAFKA IN PLAINTEXT");
    }
}
