package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcPausesTest {

    @Test
    void aCollectionWhileRecordingIsCountedAndNoneAfterClosing() throws InterruptedException {
        GcPauses gc = GcPauses.record();
        try (gc) {
            System.gc();
            long deadline = System.nanoTime() + 10_000_000_000L;
            // the collector notifies from a service thread of its own, a moment after the collection
            while (gc.percentiles().count() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(gc.percentiles().count()).isPositive();
        }
        int counted = gc.percentiles().count();
        System.gc();
        Thread.sleep(500);

        assertThat(gc.percentiles().count()).isEqualTo(counted);
    }

    @Test
    void cyclesOfConcurrentCollectorsAreNoPauses() {
        assertThat(GcPauses.isConcurrent("ZGC Cycles")).isTrue();
        assertThat(GcPauses.isConcurrent("Shenandoah Cycles")).isTrue();
        assertThat(GcPauses.isConcurrent("G1 Concurrent GC")).isTrue();
        assertThat(GcPauses.isConcurrent("ZGC Pauses")).isFalse();
        assertThat(GcPauses.isConcurrent("G1 Young Generation")).isFalse();
        assertThat(GcPauses.isConcurrent("G1 Old Generation")).isFalse();
    }
}
