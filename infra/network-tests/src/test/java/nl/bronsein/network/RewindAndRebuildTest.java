package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.staffclient.AdminApi;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewinding a node makes it handle its topics again without duplicating anything, and a rebuild forgets everything it
 * derived from others and ends equal to what it was — proven by comparing the GP's timeline, the municipality's case
 * and the provider's assignment before and after.
 */
class RewindAndRebuildTest {

    private TestNetwork network;
    private Chain chain;
    private String referralId;
    private String caseId;
    private String assignmentId;

    @BeforeAll
    void playTheScenario() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        referralId = chain.referToMunicipality();
        caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        assignmentId = chain.awaitAssignment(caseId);
        chain.accept(assignmentId);
        chain.startCare(assignmentId);
        chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP", "INDICATION_GRANTED", "PROVIDER_ASSIGNED",
                "ACCEPTED_BY_PROVIDER", "CARE_STARTED");
        chain.awaitValue(() -> chain.caseDetail(caseId), c -> c.path("assignments").size() == 1
                && "CARE_STARTED".equals(c.path("assignments").get(0).path("content").path("status").asString()));
        awaitSettled();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void rewindingEveryNodeTwiceDuplicatesNoCaseAssignmentOrTimelineEntry() {
        Snapshot before = snapshot();
        Map<Participants, Integer> outboxes = outboxSizes();

        for (int round = 0; round < 2; round++) {
            for (Participants node : List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER)) {
                AdminApi.RewindResult result = network.staff(node).admin().rewind(new AdminApi.RewindRequest(null, false));
                assertThat(result.rebuilt()).isFalse();
                assertThat(result.offsets()).isNotEmpty();
                assertThat(result.offsets().values()).allSatisfy(offset -> assertThat(offset).isZero());
            }
            awaitReceivedAgain();
            awaitSettled();
        }
        // a rewind to a moment handles only what happened from then
        AdminApi.RewindResult fromNow = network.staff(Participants.MUNICIPALITY).admin()
                .rewind(new AdminApi.RewindRequest(Instant.now(), false));
        assertThat(fromNow.forgottenNotifications()).isZero();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(outboxSizes()).as("no node published anything new").isEqualTo(outboxes);
        assertThat(network.staff(Participants.MUNICIPALITY).cases().list()).hasSize(1);
        assertThat(network.staff(Participants.PROVIDER).assignments().list()).hasSize(1);
    }

    @Test
    void aRebuiltGpEndsWithTheTimelineItHadBefore() throws Exception {
        Snapshot before = snapshot();

        // as an integration tester would: the replay tool asks the running node to rebuild itself
        String output = ReplayTool.runOk("rewind", "--node", "http://127.0.0.1:" + network.staffPorts.get(Participants.GP),
                "--to-beginning", "--rebuild", "--token", network.staffToken(Participants.GP, "NODE_ADMIN"));

        assertThat(output).contains("rewound bronsein-urn-nld-kvk-12345678 and rebuilt");
        awaitReceivedAgain();
        awaitSettled();
        // Everything as before, except the version each step is cited from: an event names no status (issue 16), so a
        // rebuilt timeline cites each step from the first version its pulls showed it in — the owner's current one.
        Snapshot expected = before.withoutCitedVersions();
        chain.awaitValue(() -> snapshot().withoutCitedVersions(), expected::equals);
        assertThat(snapshot().withoutCitedVersions()).isEqualTo(expected);
        assertThat(snapshot().timelineSteps()).allSatisfy(step -> assertThat(step.path("sourceVersion").asInt())
                .isPositive());
    }

    /** What the three nodes know, without the moments of pulling, which a rebuild changes by design. */
    private record Snapshot(JsonNode timelineSteps, JsonNode timelineSources, JsonNode caseDetail, JsonNode assignment) {

        Snapshot withoutCitedVersions() {
            JsonNode steps = timelineSteps.deepCopy();
            steps.forEach(step -> ((ObjectNode) step).remove("sourceVersion"));
            return new Snapshot(steps, timelineSources, caseDetail, assignment);
        }
    }

    private Snapshot snapshot() {
        JsonNode timeline = chain.timeline(referralId);
        // each step's version included: a rewind handles the same events again and changes no citation
        JsonNode steps = timeline.path("steps").deepCopy();
        JsonNode sources = timeline.path("sources").deepCopy();
        sources.forEach(source -> ((ObjectNode) source).remove("pulledAt"));
        JsonNode detail = chain.caseDetail(caseId).deepCopy();
        ((ObjectNode) detail.path("referral")).remove("pulledAt");
        detail.path("assignments").forEach(a -> ((ObjectNode) a).remove("pulledAt"));
        JsonNode assignment = chain.assignmentDetail(assignmentId).deepCopy();
        ((ObjectNode) assignment.path("basis")).remove("pulledAt");
        ((ObjectNode) assignment.path("referral")).remove("pulledAt");
        return new Snapshot(steps, sources, detail, assignment);
    }

    /** The GP follows two notifications of its own referral's case and assignment at least: wait for them to be back. */
    private void awaitReceivedAgain() {
        for (ConfigurableApplicationContext node : nodes()) {
            chain.awaitValue(() -> node.getBean(Inbox.class).entries().size(), size -> size > 0);
        }
    }

    private void awaitSettled() {
        for (ConfigurableApplicationContext node : nodes()) {
            chain.awaitValue(() -> node.getBean(Inbox.class).entries().stream()
                    .allMatch(e -> e.status() == InboxStatus.HANDLED), done -> done);
        }
    }

    private List<ConfigurableApplicationContext> nodes() {
        return List.of(network.gp, network.municipality, network.provider);
    }

    private Map<Participants, Integer> outboxSizes() {
        return Map.of(Participants.GP, network.gp.getBean(OutboxRepository.class).findAll().size(),
                Participants.MUNICIPALITY, network.municipality.getBean(OutboxRepository.class).findAll().size(),
                Participants.PROVIDER, network.provider.getBean(OutboxRepository.class).findAll().size());
    }
}
