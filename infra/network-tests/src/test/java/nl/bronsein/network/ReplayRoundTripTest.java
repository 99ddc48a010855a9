package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An integration tester's round trip: the scenario's topics are dumped with the replay tool, published into a fresh
 * broker, and drive a GP that forgot everything it had learned — with its catch-up over HTTP switched off, so only the
 * replayed stream (and the pulls it leads to) can teach it — to the same timeline.
 */
class ReplayRoundTripTest {

    private TestNetwork network;
    private LocalKafkaBroker freshBroker;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
    }

    @AfterAll
    void stop() {
        network.close();
        if (freshBroker != null) {
            freshBroker.close();
        }
    }

    @Test
    void aDumpedScenarioPublishedIntoAFreshBrokerDrivesAForgetfulGpToTheSameTimeline() throws Exception {
        Chain chain = new Chain(network);
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        String assignmentId = chain.awaitAssignment(caseId);
        chain.accept(assignmentId);
        chain.startCare(assignmentId);
        String direct = chain.refer(Participants.PROVIDER.urn, List.of("intake", "referral-feedback"));
        chain.accept(chain.awaitAssignment(direct));
        JsonNode before = withoutPullMoments(chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
                "PROVIDER_ASSIGNED", "ACCEPTED_BY_PROVIDER", "CARE_STARTED"));
        JsonNode directBefore = withoutPullMoments(chain.awaitTimeline(direct, "ARRIVED", "PICKED_UP"));

        // Record every topic of the network.
        Path recording = network.dir.resolve("recording.jsonl");
        assertThat(ReplayTool.run(ReplayTool.command("dump", network.replayConnection(network.broker.bootstrapServers()),
                "--out", recording.toString()))).isZero();
        List<String> lines = Files.readAllLines(recording);
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"nl.bronsein.assignment.status-changed.v2\""));

        // A fresh broker gets the recording; the GP forgets all it derived and listens there, without asking sources.
        freshBroker = network.newBroker(network.dir.resolve("fresh-kafka"));
        assertThat(ReplayTool.run(ReplayTool.command("publish", network.replayConnection(freshBroker.bootstrapServers()),
                "--in", recording.toString()))).isZero();
        network.gp.close();
        forgetWhatTheGpDerived();
        assertThat(network.database(Participants.GP).sql("select count(*) from referral_milestone").query(Integer.class).single())
                .isZero();
        network.restartGp(freshBroker.bootstrapServers(), Map.of("bronsein.catch-up.enabled", "false"));

        JsonNode after = chain.awaitValue(() -> withoutPullMoments(chain.timeline(referralId)), before::equals);
        assertThat(after).isEqualTo(before);
        assertThat(chain.awaitValue(() -> withoutPullMoments(chain.timeline(direct)), directBefore::equals)).isEqualTo(directBefore);
    }

    private void forgetWhatTheGpDerived() {
        // the GP's context is closed; its in-memory database lives on (DB_CLOSE_DELAY=-1): forget as a rebuild would
        JdbcClient jdbc = network.database(Participants.GP);
        for (String table : List.of("referral_milestone", "followed_object", "pulled_copy", "inbox_entry", "source_position")) {
            jdbc.sql("delete from " + table).update();
        }
    }

    private static JsonNode withoutPullMoments(JsonNode timeline) {
        JsonNode copy = timeline.deepCopy();
        copy.path("steps").forEach(step -> ((ObjectNode) step).remove("sourceVersion"));
        copy.path("sources").forEach(source -> ((ObjectNode) source).remove("pulledAt"));
        return copy;
    }
}
