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

import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationTopics;

/** The topics a development broker lacks, made by the node itself; on a secured broker provisioning makes them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class NotificationTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics notificationTopics(ParticipantList participants, NodeIdentity identity,
                                            SubscriptionProperties subscriptions, TopicProperties topics,
                                            PublicationCheckpoint publicationCheckpoint, NodeKafkaConnection connection) {
        // On a secured broker nodes may not create topics: provisioning (infra/provisioning) makes them.
        if (!topics.create() || connection.secured()) {
            return new KafkaAdmin.NewTopics();
        }
        // Where nobody provisions the broker (a development broker): this node's own inbox and the inboxes it may
        // write to, so that a change for a participant whose node has not started yet waits in Kafka, not in the relay.
        Set<String> inboxes = new LinkedHashSet<>(subscriptions.topics(identity));
        participants.all().stream()
                .filter(p -> NotificationTopics.addressableRoles(identity.role().name()).contains(p.role().name()))
                .forEach(p -> inboxes.add(NotificationTopics.inbox(p.role().name(), p.id().urn())));
        List<NewTopic> created = new ArrayList<>();
        inboxes.removeAll(NotificationTopics.genericTopics());
        inboxes.forEach(name -> created.add(withReplicas(TopicBuilder.name(name).partitions(topics.partitions()), topics)));
        // generic notifications carry no sequence: compaction keeps the latest of every object for whoever reads it
        NotificationTopics.genericTopics().forEach(name -> created.add(
                withReplicas(TopicBuilder.name(name).partitions(topics.partitions()).compact(), topics)));
        // small and read back only after a failure: one partition, the newest checkpoint kept
        created.add(withReplicas(TopicBuilder.name(publicationCheckpoint.topic()).partitions(1).compact(), topics));
        return new KafkaAdmin.NewTopics(created.toArray(NewTopic[]::new));
    }

    private static NewTopic withReplicas(TopicBuilder builder, TopicProperties topics) {
        return topics.replicas() > 0 ? builder.replicas(topics.replicas()).build() : builder.build();
    }
}
