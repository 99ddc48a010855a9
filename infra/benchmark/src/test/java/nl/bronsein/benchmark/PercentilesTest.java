package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The statistics every latency figure rests on: nearest rank, always a measured value. */
class PercentilesTest {

    @Test
    void oneToHundredGivesTheRankItself() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).toArray());
        assertThat(p).isEqualTo(new Percentiles(100, 50, 99, 100));
    }

    @Test
    void orderOfTheSamplesDoesNotMatterAndTheyAreLeftAlone() {
        long[] samples = {9, 1, 7, 3, 5};
        Percentiles p = Percentiles.of(samples);
        assertThat(p).isEqualTo(new Percentiles(5, 5, 9, 9));
        assertThat(samples).containsExactly(9, 1, 7, 3, 5);
    }

    @Test
    void p99OfFewSamplesIsTheirMaximumNotAnInterpolation() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 50).map(i -> i * 1_000_000).toArray());
        assertThat(p.p99Nanos()).isEqualTo(50_000_000);
        assertThat(p.p50Millis()).isEqualTo(25.0);
    }

    @Test
    void p99OfAThousandIgnoresTheTenSlowest() {
        long[] samples = LongStream.range(0, 1_000).map(i -> i < 990 ? 1 : 1_000).toArray();
        Percentiles p = Percentiles.of(samples);
        assertThat(p.p99Nanos()).isEqualTo(1);
        assertThat(p.maxNanos()).isEqualTo(1_000);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(Percentiles.of(new long[] {42})).isEqualTo(new Percentiles(1, 42, 42, 42));
    }

    @Test
    void noSamplesGiveNone() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
    }
}
