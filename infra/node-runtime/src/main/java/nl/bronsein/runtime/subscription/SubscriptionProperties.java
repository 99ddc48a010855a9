package nl.bronsein.runtime.subscription;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;

/**
 * This node's subscriptions ({@code bronsein.subscriptions[n].purpose / object-types / sources}) and how it reads
 * them. A notification that no subscription covers is ignored: a node only handles what it has a purpose for.
 *
 * @param consumerGroup the Kafka consumer group of this node; defaults to one derived from the node's identifier
 */
@ConfigurationProperties("bronsein")
public record SubscriptionProperties(List<Subscription> subscriptions, String consumerGroup) {

    public SubscriptionProperties {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    public Optional<Subscription> covering(SharedObjectType objectType, Participant source) {
        return subscriptions.stream().filter(s -> s.covers(objectType, source)).findFirst();
    }

    /** This node's consumer group: the configured one, or one derived from the node's identifier. */
    public String groupOf(ParticipantId node) {
        return consumerGroup != null ? consumerGroup : "bronsein-" + node.urn().replace(':', '-');
    }

    public List<String> topics() {
        return subscriptions.stream().flatMap(s -> s.objectTypes().stream())
                .map(code -> SharedObjectType.fromCode(code).orElseThrow().topic()).distinct().toList();
    }
}
