package nl.bronsein.runtime.subscription;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.runtime.inbox.InboxBounds;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * This node's subscriptions ({@code bronsein.subscriptions[n].purpose / object-types / sources}) and how it reads
 * them. A notification that no subscription covers is ignored: a node only handles what it has a purpose for. At
 * start-up every object type must be a known one and every source a participant URN or {@code role:<ROLE>} with a
 * known role.
 *
 * @param subscriptions what this node follows: per purpose, the object types and the sources (participant URNs, or
 *                      {@code role:<ROLE>} for every participant in a role)
 * @param consumerGroup the Kafka consumer group of this node; defaults to one derived from the node's identifier
 */
@NodeApi
@ConfigurationProperties("bronsein")
public record SubscriptionProperties(List<Subscription> subscriptions, String consumerGroup) {

    public SubscriptionProperties {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        for (int i = 0; i < subscriptions.size(); i++) {
            check(i, subscriptions.get(i));
        }
        if (consumerGroup != null && consumerGroup.isBlank()) {
            throw new InvalidNodeConfigurationException("bronsein.consumer-group", null, "is blank",
                    "Remove it to use the default (bronsein-<participant id>), or name this node's Kafka consumer group.");
        }
    }

    private static void check(int index, Subscription subscription) {
        String property = "bronsein.subscriptions[" + index + "]";
        // every inbox entry of the subscription stores its purpose: one that does not fit would stop the intake
        if (subscription.purpose().length() > InboxBounds.PURPOSE) {
            throw new InvalidNodeConfigurationException(property + ".purpose", subscription.purpose(),
                    "is longer than " + InboxBounds.PURPOSE + " characters",
                    "Name the purpose in at most " + InboxBounds.PURPOSE + " characters, as the pull policies of its sources do.");
        }
        if (subscription.objectTypes().isEmpty()) {
            throw new InvalidNodeConfigurationException(property + ".object-types", null,
                    "is empty: the subscription for " + subscription.purpose() + " follows nothing",
                    "Name the object types it follows: " + knownObjectTypes() + ".");
        }
        for (int i = 0; i < subscription.objectTypes().size(); i++) {
            String objectType = subscription.objectTypes().get(i);
            if (SharedObjectType.fromCode(objectType).isEmpty()) {
                throw new InvalidNodeConfigurationException(property + ".object-types[" + i + "]", objectType,
                        "is not a known object type (subscription for " + subscription.purpose() + ")",
                        "Use one of " + knownObjectTypes() + ".");
            }
        }
        if (subscription.sources().isEmpty()) {
            throw new InvalidNodeConfigurationException(property + ".sources", null,
                    "is empty: the subscription for " + subscription.purpose() + " follows no one",
                    "Name its sources: participant URNs, or role:<ROLE> with a role of "
                            + Arrays.toString(ParticipantRole.values()) + ".");
        }
        for (int i = 0; i < subscription.sources().size(); i++) {
            String source = subscription.sources().get(i);
            if (source.startsWith("role:")) {
                String role = source.substring("role:".length());
                if (Arrays.stream(ParticipantRole.values()).noneMatch(r -> r.name().equals(role))) {
                    throw new InvalidNodeConfigurationException(property + ".sources[" + i + "]", source,
                            "names an unknown role " + role + " (subscription for " + subscription.purpose() + ")",
                            "Use role:GP_PRACTICE, role:MUNICIPALITY or role:PROVIDER.");
                }
            } else if (!ParticipantId.isValid(source)) {
                throw new InvalidNodeConfigurationException(property + ".sources[" + i + "]", source,
                        "is neither role:<ROLE> nor a participant URN (subscription for " + subscription.purpose() + ")",
                        "Use role:GP_PRACTICE, role:MUNICIPALITY, role:PROVIDER, or a participant's "
                                + "urn:nld:oin:<20 digits> / urn:nld:kvk:<8 digits>.");
            }
        }
    }

    private static List<String> knownObjectTypes() {
        return Arrays.stream(SharedObjectType.values()).map(SharedObjectType::code).toList();
    }

    public Optional<Subscription> covering(SharedObjectType objectType, Participant source) {
        return subscriptions.stream().filter(s -> s.covers(objectType, source)).findFirst();
    }

    /** This node's consumer group: the configured one, or one derived from the node's identifier. */
    public String groupOf(ParticipantId node) {
        return consumerGroup != null ? consumerGroup : "bronsein-" + node.urn().replace(':', '-');
    }

    /**
     * The topics this node reads: its own inbox, where everything addressed to it arrives, and the generic topic of each
     * generic type a subscription follows. Nothing else is readable to it on a secured broker.
     */
    public List<String> topics(NodeIdentity node) {
        List<String> topics = new java.util.ArrayList<>();
        topics.add(NotificationTopics.inbox(node.role().name(), node.id().urn()));
        subscriptions.stream().flatMap(s -> s.objectTypes().stream())
                .map(code -> SharedObjectType.fromCode(code).orElseThrow()).filter(SharedObjectType::generic)
                .map(NotificationTopics::generic).distinct().forEach(topics::add);
        return List.copyOf(topics);
    }

    /** Refuses a subscription to an object type no handler of this node follows: its notifications would park. */
    void checkFollowed(Predicate<SharedObjectType> handled) {
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription subscription = subscriptions.get(i);
            for (int j = 0; j < subscription.objectTypes().size(); j++) {
                String type = subscription.objectTypes().get(j);
                if (!handled.test(SharedObjectType.fromCode(type).orElseThrow())) {
                    throw new InvalidNodeConfigurationException(
                            "bronsein.subscriptions[" + i + "].object-types[" + j + "]", type,
                            "cannot be followed: subscription for " + subscription.purpose() + " follows " + type
                                    + ", but this node has no handler for it",
                            "Remove " + type + " from the subscription; this node handles "
                                    + Arrays.stream(SharedObjectType.values()).filter(handled).map(SharedObjectType::code)
                                    .toList() + ".");
                }
            }
        }
    }
}
