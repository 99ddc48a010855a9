package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PeerComparisonTest {

    @Test
    void thePeersLatencyIsTakenAtBronseinsRateButNeverAboveHalfWhatThePeerSustains() {
        assertThat(PeerComparison.latencyRate(400, bronseinAt(150))).isEqualTo(150);
        // Bronsein's half rate would be more than the peer carries: then the peer's own half, as Bronsein's is
        assertThat(PeerComparison.latencyRate(400, bronseinAt(350))).isEqualTo(200);
        assertThat(PeerComparison.latencyRate(400, null)).isEqualTo(200);
    }

    @Test
    void theRatioIsBronseinOverThePeerAndNothingWithoutBronseinsFigure() {
        PeerComparison.Figure peer = new PeerComparison.Figure(null, throughput(250), null);

        assertThat(peer.ratio(throughput(500))).isEqualTo(2.0);
        assertThat(peer.ratio(null)).isNaN();
    }

    private static CommitToConsumer.Figure bronseinAt(double rate) {
        return new CommitToConsumer.Figure(rate, Percentiles.NONE, 0, null, List.of(), null);
    }

    private static Throughput.Figure throughput(double sustained) {
        return new Throughput.Figure(8, 1_000, sustained, sustained, 0, new double[0]);
    }
}
