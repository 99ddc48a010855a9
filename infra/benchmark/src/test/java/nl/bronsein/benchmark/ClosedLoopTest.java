package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void everyCallIsMadeOnceAndEachQuarterOfThemEndsAfterTheLast() {
        Set<Long> made = ConcurrentHashMap.newKeySet();

        ClosedLoop.Result result = ClosedLoop.run(3, 1_001, true, n -> made::add);

        assertThat(made).hasSize(1_001);
        assertThat(result.latencies()).hasSize(1_001);
        long[] ends = result.quarterEnds();
        assertThat(ends[0]).isGreaterThanOrEqualTo(result.startNanos());
        assertThat(ends).isSorted();
        assertThat(ends[3]).isLessThanOrEqualTo(result.startNanos() + result.elapsedNanos());
        assertThat(result.quarterRates()).hasSize(4);
        assertThat(java.util.Arrays.stream(result.quarterRates()).min().orElseThrow()).isPositive();
    }

    @Test
    void fewerCallsThanQuartersHaveNoQuarterRates() {
        assertThat(ClosedLoop.run(1, 3, false, n -> i -> { }).quarterRates()).isEmpty();
    }

    @Test
    void theFirstFailureStopsTheRunAndIsReported() {
        assertThatThrownBy(() -> ClosedLoop.run(2, 100, false, n -> i -> {
            if (i == 10) {
                throw new IllegalStateException("answered 503");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("answered 503");
    }
}
