package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.trust.ParticipantList;

class ProvisionedScaleTest {

    @Test
    void theParticipantListHasTheRealNetworksProportionsAndIsOneTheNodesAccept() throws Exception {
        List<Map<String, String>> list = ProvisionedScale.participantList(1_500);

        assertThat(list).hasSize(1_500);
        assertThat(list.stream().collect(Collectors.groupingBy(e -> e.get("role"), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("MUNICIPALITY", 33L, "GP_PRACTICE", 489L, "PROVIDER", 978L));
        // what the provisioning command reads: valid ids, one certificate per participant
        java.nio.file.Path file = java.nio.file.Files.createTempFile("participants", ".json");
        java.nio.file.Files.writeString(file, BenchNetwork.JSON.writeValueAsString(Map.of("participants", list)));
        assertThat(ParticipantList.read(new org.springframework.core.io.FileSystemResource(file)).all()).hasSize(1_500);
    }

    @Test
    void theRealNetworkIsAStraightLineThroughTheTwoSizes() {
        ProvisionedScale.Figure small = new ProvisionedScale.Figure(150, 2_000, 301, 601, 1_200, 3_000, 300L << 20);
        ProvisionedScale.Figure large = new ProvisionedScale.Figure(1_500, 11_000, 3_001, 6_001, 12_000, 9_000, 600L << 20);

        ProvisionedScale.Figure real = ProvisionedScale.extrapolate(small, large, ProvisionedScale.REAL_NETWORK);

        assertThat(real.participants()).isEqualTo(15_342);
        assertThat(real.topics()).isEqualTo(30_685);
        assertThat(real.acls()).isEqualTo(122_736);
        assertThat(real.startUpMillis()).isEqualTo(3_000 + Math.round((15_342 - 150) / 1_350.0 * 6_000));
    }

    @Test
    void aFigureThatDidNotGrowBetweenTheSizesIsNotExtrapolatedDownwards() {
        ProvisionedScale.Figure small = new ProvisionedScale.Figure(150, 4_000, 301, 601, 1_350, 8_300, 290L << 20);
        ProvisionedScale.Figure large = new ProvisionedScale.Figure(1_500, 30_000, 3_001, 6_001, 13_500, 8_200, 300L << 20);

        assertThat(ProvisionedScale.extrapolate(small, large, ProvisionedScale.REAL_NETWORK).startUpMillis())
                .isEqualTo(8_200);
    }
}
