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
        // 800, 300 and 50 ms of compiling per one-second round: the third is still too busy (5% is not below 5%)
        JitWarmUp.Result result = run(Duration.ofMinutes(3), 800, 300, 50, 49);

        assertThat(result.rounds()).isEqualTo(4);
        assertThat(result.compilingShare()).isEqualTo(0.049);
        assertThat(result.quiet()).isTrue();
        assertThat(result.describe()).contains("4 round(s) in 4 s").contains("used 5% of the CPU in the last round")
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

    @Test
    void aThreadsTicksAreReadAfterItsNameWhateverTheNameHolds() {
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 90 0 0 0 731 52 0 0 20 0 34 0 1234 0 0";

        assertThat(JitWarmUp.ticks(stat)).isEqualTo(783);
        assertThat(JitWarmUp.ticks("7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0")).isEqualTo(11);
    }

    @Test
    void thisJvmsCompilersHaveUsedSomeCpuAndNeverLess() {
        long before = JitWarmUp.compilerCpuMillis();
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Integer.toString(i).hashCode(); // enough to compile something
        }

        assertThat(sum).isNotZero();
        assertThat(before).isPositive();
        assertThat(JitWarmUp.compilerCpuMillis()).isGreaterThanOrEqualTo(before);
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
