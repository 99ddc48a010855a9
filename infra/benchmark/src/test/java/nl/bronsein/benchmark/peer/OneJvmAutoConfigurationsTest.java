package nl.bronsein.benchmark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class OneJvmAutoConfigurationsTest {

    private static final String[] CANDIDATES = {
            "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
            "nl.bronsein.runtime.NodeRuntimeConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            null};

    @Test
    void aNodeGetsBronseinsAutoConfigurationsAndNotSpringModuliths() {
        assertThat(filter(new MockEnvironment()).match(CANDIDATES.clone(), null)).containsExactly(false, true, true, true);
    }

    @Test
    void thePeerGetsSpringModulithsAndNotBronseins() {
        MockEnvironment peer = new MockEnvironment().withProperty(PeerApplication.MARKER, "true");

        assertThat(filter(peer).match(CANDIDATES.clone(), null)).containsExactly(true, false, true, true);
    }

    private static OneJvmAutoConfigurations filter(MockEnvironment environment) {
        OneJvmAutoConfigurations filter = new OneJvmAutoConfigurations();
        filter.setEnvironment(environment);
        return filter;
    }
}
