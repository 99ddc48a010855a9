package nl.bronsein.runtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationTopics;

/**
 * The notification topics a development broker lacks, made by the node itself; on a secured broker provisioning makes
 * them. The relay's checkpoint topic is the relay's own ({@code RelayConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class NotificationTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics notificationTopics(ParticipantList participants, NodeIdentity identity, TopicProperties topics,
                                            NodeKafkaConnection connection) {
        // On a secured broker nodes may not create topics: provisioning (infra/provisioning) makes them.
        if (!topics.createdBy(connection)) {
            return new KafkaAdmin.NewTopics();
        }
        // Where nobody provisions the broker (a development broker): this node's own inbox and the inboxes it may
        // write to, so that a change for a participant whose node has not started yet waits in Kafka, not in the relay.
        Set<String> inboxes = new LinkedHashSet<>();
        inboxes.add(NotificationTopics.inbox(identity.role().name(), identity.id().urn()));
        participants.all().stream()
                .filter(p -> NotificationTopics.addressableRoles(identity.role().name()).contains(p.role().name()))
                .forEach(p -> inboxes.add(NotificationTopics.inbox(p.role().name(), p.id().urn())));
        List<NewTopic> created = new ArrayList<>();
        inboxes.removeAll(NotificationTopics.genericTopics());
        inboxes.forEach(name -> created.add(topics.withReplicas(TopicBuilder.name(name).partitions(topics.partitions()))));
        // generic notifications carry no sequence: compaction keeps the latest of every object for whoever reads it
        NotificationTopics.genericTopics().forEach(name -> created.add(
                topics.withReplicas(TopicBuilder.name(name).partitions(topics.partitions()).compact())));
        return new KafkaAdmin.NewTopics(created.toArray(NewTopic[]::new));
    }
}
