package nl.bronsein.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.trust.ParticipantId;

/** The name of a node's own checkpoint topic: valid for Kafka, its own, and out of the network's patterns. */
class PublicationCheckpointTest {

    private static final ParticipantId GP = ParticipantId.of("urn:nld:kvk:12345678");
    private static final ParticipantId MUNICIPALITY = ParticipantId.of("urn:nld:oin:00000001001234567000");

    @Test
    void eachNodeHasItsOwnTopicUnderItsOwnPrefix() {
        assertThat(PublicationCheckpoint.ownTopic(GP)).isEqualTo("_node.urn-nld-kvk-12345678.relay-checkpoints");
        assertThat(PublicationCheckpoint.ownTopic(MUNICIPALITY))
                .isEqualTo("_node.urn-nld-oin-00000001001234567000.relay-checkpoints")
                .startsWith(PublicationCheckpoint.ownPrefix(MUNICIPALITY));
        assertThat(PublicationCheckpoint.ownTopic(GP)).startsWith(PublicationCheckpoint.ownPrefix(GP));
    }

    @Test
    void theNameIsAValidTopicThatNoPatternForTheNetworksTopicsMatches() {
        for (ParticipantId participant : List.of(GP, MUNICIPALITY)) {
            String topic = PublicationCheckpoint.ownTopic(participant);
            assertThatCode(() -> Topic.validate(topic)).doesNotThrowAnyException();
            assertThat(Topic.isInternal(topic)).isFalse();
            assertThat(Pattern.matches("bronsein.*", topic)).isFalse();
            assertThat(topic).doesNotStartWith("bronsein");
        }
    }
}
