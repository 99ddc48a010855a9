package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSyncProbeTest {

    @Test
    void timesSyncsUntilStoppedAndLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        Percentiles syncs;
        try (DiskSyncProbe probe = DiskSyncProbe.start(dir.resolve("probe"), Duration.ofMillis(1))) {
            Thread.sleep(200);
            syncs = probe.stop();
        }

        assertThat(syncs.count()).isPositive();
        assertThat(syncs.p50Nanos()).isPositive();
        assertThat(syncs.maxNanos()).isGreaterThanOrEqualTo(syncs.p99Nanos()).isGreaterThanOrEqualTo(syncs.p50Nanos());
        try (var left = Files.list(dir.resolve("probe"))) {
            assertThat(left).isEmpty();
        }
    }
}
