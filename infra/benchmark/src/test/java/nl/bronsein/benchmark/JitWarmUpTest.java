package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** On a clock and a compiler the test moves: each round takes one second and compiles for what the test says. */
class JitWarmUpTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong compiledMillis = new AtomicLong();

    @Test
    void aRoundWithoutCompilingIsWarmAtOnce() throws InterruptedException {
        JitWarmUp.Result result = run(Duration.ofMinutes(3), 0);

        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.quiet()).isTrue();
        assertThat(result.seconds()).isEqualTo(1.0);
    }

    @Test
    void roundsGoOnUntilTheCompilerWorkedLessThanATenthOfARound() throws InterruptedException {
        // 800, 300 and 100 ms of compiling per one-second round: the third is still too busy (10% is not below 10%)
        JitWarmUp.Result result = run(Duration.ofMinutes(3), 800, 300, 100, 99);

        assertThat(result.rounds()).isEqualTo(4);
        assertThat(result.compilingShare()).isEqualTo(0.099);
        assertThat(result.quiet()).isTrue();
        assertThat(result.describe()).contains("4 round(s) in 4 s").contains("last round 10% of its wall time")
                .doesNotContain("patience");
    }

    @Test
    void theWarmUpEndsWhenItsPatienceIsUsedUpAndSaysSo() throws InterruptedException {
        JitWarmUp.Result result = run(Duration.ofSeconds(3), 500, 500, 500, 500, 500, 500);

        assertThat(result.rounds()).isEqualTo(3);
        assertThat(result.quiet()).isFalse();
        assertThat(result.describe()).contains("patience used up");
    }

    @Test
    void noPatienceStillWarmsUpOnce() throws InterruptedException {
        assertThat(run(Duration.ZERO, 900, 900).rounds()).isEqualTo(1);
    }

    private JitWarmUp.Result run(Duration patience, long... compilingPerRound) throws InterruptedException {
        AtomicLong round = new AtomicLong();
        return JitWarmUp.untilQuiet(() -> {
            int n = (int) round.getAndIncrement();
            compiledMillis.addAndGet(compilingPerRound[Math.min(n, compilingPerRound.length - 1)]);
            nanos.addAndGet(1_000_000_000L);
        }, patience, compiledMillis::get, nanos::get);
    }
}
