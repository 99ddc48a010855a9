package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.metrics.RuntimeMetrics;

/**
 * A forged sequence costs nothing. One record that passes every check of its source but claims sequence 10^12 once
 * made every subscriber ask the source's history about once a second for good (1,981 audit rows at the GP in 17
 * minutes, surviving restarts). Now the gap the source's history does not confirm is asked about a bounded number of
 * times with back-off, then settled and reported, and the position never moves past what the source confirmed.
 */
class ForgedSequenceTest {

    private static final long CLAIMED = 1_000_000_000_000L;
    private static final int TRIES = 4;
    private static final String REFERRALS = Participants.MUNICIPALITY.inbox();

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork();
        network.gp = network.startGp();
        network.municipality = network.startMunicipality(Map.of("bronsein.catch-up.unconfirmed-gap-tries", TRIES));
        network.provider = network.startProvider();
        chain = new Chain(network);
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void aSequenceNumberTheSourceNeverReachedIsAskedAboutBoundedlyThenSettledAndReported() throws Exception {
        String referral = chain.referToMunicipality();
        chain.awaitCase(referral);
        SourcePositions positions = network.municipality.getBean(SourcePositions.class);
        long confirmed = chain.awaitValue(() -> positions.find(Participants.GP.urn).orElse(null),
                p -> p != null && !p.hasGap() && p.confirmedThrough() >= 1).confirmedThrough();
        int historyRequestsBefore = historyRequests();

        forge(genuine(referral), CLAIMED);

        SourcePositions.Position settled = chain.awaitValue(() -> positions.find(Participants.GP.urn).orElseThrow(),
                p -> p.unconfirmedClaim() != null);
        assertThat(settled.unconfirmedClaim()).isEqualTo(CLAIMED);
        assertThat(settled.hasGap()).isFalse();
        assertThat(settled.highestSeen()).as("never past what the GP's history confirmed").isEqualTo(confirmed);
        assertThat(settled.confirmedThrough()).isEqualTo(confirmed);
        assertThat(settled.unconfirmedSettledAt()).isNotNull();
        assertThat(network.municipality.getBean(MeterRegistry.class)
                .counter(RuntimeMetrics.GAPS_UNCONFIRMED, "source", Participants.GP.urn).count()).isEqualTo(1.0);
        int asked = historyRequests() - historyRequestsBefore;
        assertThat(asked).as("history requests for the forged gap").isBetween(1, TRIES);

        // Settled means settled: many check intervals later (200 ms each here) nobody asked again.
        Thread.sleep(3_000);
        assertThat(historyRequests() - historyRequestsBefore).isEqualTo(asked);

        // The GP's real next notification is taken in as usual and the position follows it, contiguously.
        String next = chain.referToMunicipality();
        chain.awaitCase(next);
        SourcePositions.Position after = chain.awaitValue(() -> positions.find(Participants.GP.urn).orElseThrow(),
                p -> p.confirmedThrough() > confirmed);
        assertThat(after.hasGap()).isFalse();
        assertThat(after.confirmedThrough()).isLessThan(CLAIMED);
    }

    /** Requests for the GP's notification history by the municipality, as the GP audited them. */
    private int historyRequests() {
        return (int) network.gp.getBean(AuditTrail.class).all().stream()
                .filter(a -> a.objectType() != null && a.objectType().equals("notification-history")
                        && Participants.MUNICIPALITY.urn.equals(a.caller()))
                .count();
    }

    private ConsumerRecord<String, byte[]> genuine(String referral) {
        return chain.awaitValue(() -> network.records(REFERRALS).stream().filter(r -> referral.equals(r.key()))
                .findFirst().orElse(null), r -> r != null);
    }

    /** The genuine record again, with its own event id and the claimed sequence number: it passes every check. */
    private void forge(ConsumerRecord<String, byte[]> genuine, long sequence) throws Exception {
        Map<String, String> replaced = Map.of("ce_id", UUID.randomUUID().toString(), "ce_sequence", Long.toString(sequence));
        RecordHeaders headers = new RecordHeaders();
        for (Header h : genuine.headers()) {
            String value = replaced.get(h.key());
            headers.add(h.key(), value == null ? h.value() : value.getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                network.clientOf(Participants.GP), new StringSerializer(),
                new ByteArraySerializer())) {
            // signed by the GP itself: a source whose own numbering went wrong (a registration lost and rebuilt)
            producer.send(SignedRecords.asItsSource(network,
                    new ProducerRecord<>(genuine.topic(), null, genuine.key(), genuine.value(), headers))).get();
        }
    }
}
