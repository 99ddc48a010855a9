package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the benchmark reads of a node's process from outside — its resident memory, its CPU time, its used heap after a
 * full collection through {@code jcmd} — taken of a real child JVM that holds 64 MiB and burns CPU.
 */
class OwnProcessTest {

    /** The child: fills 64 MiB it keeps, says so, spins a while, then waits to be stopped. */
    public static final class Holder {
        static byte[][] kept;

        public static void main(String[] args) throws InterruptedException {
            kept = new byte[64][];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new byte[1024 * 1024];
                java.util.Arrays.fill(kept[i], (byte) i);
            }
            long until = System.nanoTime() + 300_000_000L;
            long sum = 0;
            while (System.nanoTime() < until) {
                sum += kept[(int) (sum & 63)][(int) (sum & 1023)] + 1;
            }
            System.out.println("ready " + sum);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void readsTheResidentMemoryCpuAndHeapOfAChildJvmAndStopsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("holder.log");
        OwnProcess process = OwnProcess.start("the holder", OwnProcess.java(List.of("-Xmx256m"), List.of("-cp",
                System.getProperty("java.class.path"), Holder.class.getName())), log, () -> contains(log, "ready "));
        try {
            assertThat(process.startSeconds()).isPositive();
            assertThat(process.residentBytes()).as("VmRSS holds the 64 MiB it filled").isGreaterThan(64L * 1024 * 1024);
            assertThat(process.cpuTime()).as("it spun 0.3 s").isGreaterThan(Duration.ofMillis(200));
            assertThat(process.usedHeapAfterFullGc()).as("the kept arrays survive a full collection")
                    .isGreaterThan(64L * 1024 * 1024).isLessThan(256L * 1024 * 1024);
        } finally {
            process.close();
        }
        assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aProcessThatEndsBeforeItIsReadyFailsWithTheEndOfItsLog(@TempDir Path dir) {
        Path log = dir.resolve("broken.log");
        assertThatThrownBy(() -> OwnProcess.start("the broken one", OwnProcess.java(List.of(), List.of("-cp",
                System.getProperty("java.class.path"), "no.such.Main")), log, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the broken one did not start (exit 1)")
                .hasMessageContaining("no.such.Main");
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
