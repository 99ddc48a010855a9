package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.outbox.Relay;
import tools.jackson.databind.JsonNode;

/**
 * Notifications that never reached the broker are not lost: each node serves its own history over the network port,
 * only what was sent to the caller, in the caller's own numbering, and a consumer that sees a gap in a source's sequence fetches what it missed.
 */
class MissedNotificationsTest {

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void aNotificationLostOnTheWayIsNoticedByTheGapFetchedFromTheSourceAndHandled() {
        String first = chain.referToMunicipality();
        chain.awaitCase(first);

        // The GP's next notification is lost between its outbox and the broker: the relay is held, the row marked sent.
        Relay relay = network.gp.getBean(Relay.class);
        relay.stop();
        String lost = chain.referToMunicipality();
        int lostRows = network.gp.getBean(JdbcClient.class)
                .sql("update outbox_entry set published_at = current_timestamp where subject = :id and published_at is null")
                .param("id", lost).update();
        assertThat(lostRows).isEqualTo(1);
        relay.start();
        assertThat(network.records(Participants.MUNICIPALITY.inbox())).noneMatch(r -> lost.equals(r.key()));

        // The next referral reaches the municipality with a sequence number one too far: it fetches the gap.
        String next = chain.referToMunicipality();
        chain.awaitCase(next);
        String lostCase = chain.awaitCase(lost);

        assertThat(lostCase).isNotNull();
        assertThat(network.municipality.getBean(Inbox.class).entries())
                .anySatisfy(e -> assertThat(e.notification().subject()).isEqualTo(lost));
        assertThat(network.gp.getBean(AuditTrail.class).all())
                .filteredOn(a -> a.objectType().equals("notification-history") && a.caller().equals(Participants.MUNICIPALITY.urn))
                .isNotEmpty().allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED));
        SourcePositions.Position gp = network.municipality.getBean(SourcePositions.class).find(Participants.GP.urn).orElseThrow();
        assertThat(gp.hasGap()).isFalse();
        assertThat(gp.confirmedThrough()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theHistoryShowsEachCallerOnlyWhatConcernsItFromASequenceOrAMomentOn() {
        String toMunicipality = chain.referToMunicipality();
        Instant between = Instant.now();
        String toProvider = chain.refer(Participants.PROVIDER.urn, List.of("intake"));
        network.publishContactPoint(Participants.GP, "Huisartsenpraktijk De Linde - assistentie", "038-1234567");
        // A change is in the history once the GP's relay has numbered it, just after its commit.
        await().atMost(Chain.PATIENCE).until(() -> network.gp.getBean(JdbcClient.class)
                .sql("select count(*) from outbox_entry where source_sequence is null").query(Long.class).single() == 0);

        JsonNode forMunicipality = history(Participants.MUNICIPALITY, "afterSequence=0&limit=500");
        assertThat(subjects(forMunicipality)).contains(toMunicipality).doesNotContain(toProvider);
        JsonNode forProvider = history(Participants.PROVIDER, "afterSequence=0&limit=500");
        assertThat(subjects(forProvider)).contains(toProvider).doesNotContain(toMunicipality);
        // Each caller's own numbering, contiguous from 1: nothing in it tells how much the GP sent anyone else.
        assertThat(sequences(forMunicipality)).isEqualTo(java.util.stream.LongStream.rangeClosed(1,
                sequences(forMunicipality).size()).boxed().toList());
        assertThat(sequences(forProvider)).isEqualTo(java.util.stream.LongStream.rangeClosed(1,
                sequences(forProvider).size()).boxed().toList());
        // A listed participant involved in nothing was sent nothing: an empty history. (The GP's contact point went to
        // everyone, on the generic topic, whose compaction keeps it; it is in nobody's history.)
        JsonNode forOther = history(Participants.OTHER_MUNICIPALITY, "afterSequence=0&limit=500");
        assertThat(forOther.path("notifications")).isEmpty();
        assertThat(forOther.path("nextAfterSequence").asLong()).isZero();
        assertThat(forOther.path("more").asBoolean()).isFalse();

        // Each entry is a CloudEvent in the JSON format: the attributes, and the Avro body as data_base64.
        JsonNode event = find(forMunicipality, toMunicipality);
        assertThat(event.path("source").asString()).isEqualTo(Participants.GP.urn);
        assertThat(event.path("type").asString()).isEqualTo("nl.bronsein.referral.recorded.v2");
        assertThat(event.path("datacontenttype").asString()).isEqualTo("application/avro");
        assertThat(event.path("data_base64").asString()).isNotBlank();
        assertThat(event.path("sequencetype").asString()).isEqualTo("Integer");

        // From a moment on, and paged after a sequence number.
        assertThat(subjects(history(Participants.PROVIDER, "since=" + between))).contains(toProvider);
        assertThat(subjects(history(Participants.MUNICIPALITY, "since=" + between))).doesNotContain(toMunicipality);
        long sequence = Long.parseLong(event.path("sequence").asString());
        JsonNode page = history(Participants.MUNICIPALITY, "afterSequence=" + (sequence - 1) + "&limit=1");
        assertThat(subjects(page)).containsExactly(toMunicipality);
        assertThat(page.path("more").asBoolean()).isTrue();
        assertThat(page.path("nextAfterSequence").asLong()).isEqualTo(sequence);

        // Bad paging is refused with the field named; every request was audited at the source.
        HttpResponse<String> bad = network.send(network.networkClient(network.credentials.get(Participants.MUNICIPALITY)),
                java.net.http.HttpRequest.newBuilder(historyUri("afterSequence=0&limit=100000")).GET().build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("limit");
        List<AuditRecord> audit = network.gp.getBean(AuditTrail.class).all().stream()
                .filter(a -> a.objectType().equals("notification-history")).toList();
        assertThat(audit).extracting(AuditRecord::caller).contains(Participants.OTHER_MUNICIPALITY.urn, Participants.PROVIDER.urn);
    }

    private JsonNode history(Participants caller, String query) {
        HttpResponse<String> response = network.send(network.networkClient(network.credentials.get(caller)),
                java.net.http.HttpRequest.newBuilder(historyUri(query)).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestNetwork.JSON.readTree(response.body());
    }

    private java.net.URI historyUri(String query) {
        return java.net.URI.create("https://localhost:" + network.networkPorts.get(Participants.GP)
                + "/network/v1/notifications?" + query);
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.path("notifications").forEach(n -> sequences.add(Long.parseLong(n.path("sequence").asString())));
        return sequences;
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.path("notifications").forEach(n -> subjects.add(n.path("subject").asString()));
        return subjects;
    }

    private static JsonNode find(JsonNode page, String subject) {
        for (JsonNode n : page.path("notifications")) {
            if (n.path("subject").asString().equals(subject)) {
                return n;
            }
        }
        throw new AssertionError("no notification about " + subject);
    }
}
