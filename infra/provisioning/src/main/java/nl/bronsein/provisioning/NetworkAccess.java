package nl.bronsein.provisioning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * What the broker must hold for a participant list: the topics and the ACLs, nothing else (docs/design.md "Delivery
 * by address"). Every name comes from where a node uses it ({@link NotificationTopics}, {@link PublicationCheckpoint},
 * {@link SubscriptionProperties#groupOf}), so the broker grants exactly what the node asks for.
 *
 * <p>Per participant P of role R, as principal {@code User:<P's id>}:
 * <ul>
 *   <li>its inbox {@code bronsein.inbox.<r>.<scheme>.<number>}: READ; and its consumer group: READ;</li>
 *   <li>every generic topic: READ; and WRITE where R may publish its type ({@link NotificationTopics#mayPublish}: a
 *       service catalogue is a municipality's);</li>
 *   <li>the inbox prefix of every role R may address ({@link NotificationTopics#addressableRoles}): WRITE;</li>
 *   <li>its own relay checkpoint topic: READ and WRITE; its transactional id prefix: WRITE.</li>
 * </ul>
 * READ and WRITE imply DESCRIBE, which is all the rest a node's clients ask for (metadata, {@code partitionsFor},
 * {@code describeConsumerGroups}); since Kafka 3.0 an idempotent producer needs no cluster-level IDEMPOTENT_WRITE once
 * it may WRITE a topic (KIP-679). No participant may CREATE: provisioning creates the topics.
 *
 * <p>An operator (a tester's or administrator's identity for test networks, {@code --operator}) may READ every
 * {@code bronsein.} topic, inboxes included, and nothing else; it does not need to be listed.
 *
 * @param topics the topics by name, with their partitions and whether they are compacted
 * @param acls   every ACL granted to a participant or operator principal
 */
record NetworkAccess(Map<String, TopicSpec> topics, Set<AclBinding> acls) {

    /** The resource-name prefix under which an operator may read everything: every network topic. */
    static final String OPERATOR_READ_PREFIX = "bronsein.";

    NetworkAccess {
        topics = Map.copyOf(topics);
        acls = Set.copyOf(acls);
    }

    /** A topic as provisioning creates it. */
    record TopicSpec(int partitions, boolean compacted) {
    }

    /**
     * @param inboxPartitions partitions of an inbox and a generic topic (the key, an object id, keeps each object's
     *                        notifications in order on one partition)
     */
    static NetworkAccess of(Collection<Participant> participants, Collection<ParticipantId> operators,
                            int inboxPartitions) {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        Set<AclBinding> acls = new LinkedHashSet<>();
        // generic notifications carry no sequence: compaction keeps the latest of every object for whoever reads it
        NotificationTopics.genericTopics().forEach(t -> topics.put(t, new TopicSpec(inboxPartitions, true)));
        for (Participant participant : participants) {
            String principal = principal(participant.id());
            String role = participant.role().name();
            String inbox = NotificationTopics.inbox(role, participant.id().urn());
            String checkpoint = PublicationCheckpoint.ownTopic(participant.id());
            topics.put(inbox, new TopicSpec(inboxPartitions, false));
            // small and read back only after a failure: one partition, the newest checkpoint kept (as the node makes it)
            topics.put(checkpoint, new TopicSpec(1, true));
            acls.add(allow(principal, ResourceType.TOPIC, inbox, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.GROUP, defaultGroupOf(participant.id()), PatternType.LITERAL,
                    AclOperation.READ));
            for (SharedObjectType type : SharedObjectType.values()) {
                if (!type.generic()) {
                    continue;
                }
                String generic = NotificationTopics.generic(type);
                acls.add(allow(principal, ResourceType.TOPIC, generic, PatternType.LITERAL, AclOperation.READ));
                if (NotificationTopics.mayPublish(role, type)) {
                    acls.add(allow(principal, ResourceType.TOPIC, generic, PatternType.LITERAL, AclOperation.WRITE));
                }
            }
            for (String addressable : NotificationTopics.addressableRoles(role)) {
                acls.add(allow(principal, ResourceType.TOPIC, NotificationTopics.inboxPrefix(addressable),
                        PatternType.PREFIXED, AclOperation.WRITE));
            }
            acls.add(allow(principal, ResourceType.TOPIC, checkpoint, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, checkpoint, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID,
                    PublicationCheckpoint.transactionalIdPrefix(participant.id().urn()), PatternType.PREFIXED,
                    AclOperation.WRITE));
        }
        for (ParticipantId operator : operators) {
            acls.add(allow(principal(operator), ResourceType.TOPIC, OPERATOR_READ_PREFIX, PatternType.PREFIXED,
                    AclOperation.READ));
        }
        return new NetworkAccess(topics, acls);
    }

    /** The group a node uses unless it is configured otherwise ({@code bronsein.consumer-group}). */
    static String defaultGroupOf(ParticipantId participant) {
        return new SubscriptionProperties(List.of(), null).groupOf(participant);
    }

    /** The Kafka principal of a participant: what the broker's principal builder makes of its certificate. */
    static String principal(ParticipantId participant) {
        return "User:" + participant.urn();
    }

    /** True for the principal of any participant or operator: provisioning owns every ACL such a principal has. */
    static boolean isParticipantPrincipal(String principal) {
        return principal.startsWith("User:") && ParticipantId.isValid(principal.substring("User:".length()));
    }

    /** True for a topic provisioning made for one participant (an inbox or a checkpoint topic). */
    static boolean isParticipantTopic(String topic) {
        return NotificationTopics.recipientOf(topic).isPresent()
                || topic.startsWith("_node.urn-nld-") && topic.endsWith(".relay-checkpoints");
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** One line per ACL, sorted, as the command prints it. */
    static List<String> describe(Collection<AclBinding> acls) {
        List<String> lines = new ArrayList<>();
        acls.forEach(acl -> lines.add(describe(acl)));
        lines.sort(null);
        return lines;
    }

    static String describe(AclBinding acl) {
        return acl.entry().principal() + " " + acl.entry().permissionType() + " " + acl.entry().operation() + " "
                + acl.pattern().resourceType() + " " + acl.pattern().patternType() + " " + acl.pattern().name();
    }
}
