package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;

/**
 * No consent, no feedback (issue 16, item 7): when the citizen's consent covers intake and care delivery but not
 * {@code referral-feedback}, the municipality and the provider do not tell the GP's node that the case or the assignment
 * changed — the broker never carries one such notification to the GP — while the care itself goes ahead. The GP's
 * timeline says that feedback is not shared, and why.
 */
class FeedbackConsentTest {

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void withoutFeedbackConsentTheGpIsSentNothingOfTheCaseOrTheAssignment() {
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Oost", "038-4981299");
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "care-delivery"));
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        String assignmentId = chain.awaitAssignment(caseId);
        chain.accept(assignmentId);
        chain.startCare(assignmentId);
        // the care went ahead: the provider pulled the case for care delivery, and the municipality heard it started
        JsonNode followed = chain.awaitValue(() -> chain.caseDetail(caseId),
                c -> c.path("assignments").size() == 1
                        && "CARE_STARTED".equals(c.path("assignments").get(0).path("content").path("status").asString()));
        assertThat(followed.path("current").path("status").asString()).isEqualTo("ASSIGNED");

        // the owners sent the provider and the municipality what concerns them, and the GP nothing
        assertThat(network.records(Participants.PROVIDER.inbox())).anyMatch(r -> caseId.equals(r.key()));
        assertThat(network.records(Participants.MUNICIPALITY.inbox())).anyMatch(r -> assignmentId.equals(r.key()));
        assertThat(network.records(Participants.GP.inbox())).noneMatch(r -> caseId.equals(r.key())
                || assignmentId.equals(r.key()));
        JdbcClient gp = network.gp.getBean(JdbcClient.class);
        assertThat(gp.sql("select count(*) from inbox_entry where subject in (:ids)")
                .param("ids", List.of(caseId, assignmentId)).query(Long.class).single()).isZero();
        // and the GP asked for no feedback: of the case only whether the provider that wanted the referral for care
        // delivery is the one assigned (which that provider's request had told it anyway); nothing of the assignment
        assertThat(network.municipality.getBean(AuditTrail.class).requestsFor("case", caseId))
                .filteredOn(a -> a.caller().equals(Participants.GP.urn)).extracting(AuditRecord::purpose)
                .isNotEmpty().containsOnly("assignment-verification");
        assertThat(network.provider.getBean(AuditTrail.class).requestsFor("assignment", assignmentId))
                .extracting(AuditRecord::caller).doesNotContain(Participants.GP.urn);

        JsonNode timeline = chain.timeline(referralId);
        assertThat(timeline.path("steps")).isEmpty();
        assertThat(timeline.path("sources")).isEmpty();
        assertThat(timeline.path("feedback").path("shared").asBoolean(true)).isFalse();
        assertThat(timeline.path("feedback").path("reason").asString())
                .isEqualTo("the citizen's consent does not cover referral-feedback");
    }
}
