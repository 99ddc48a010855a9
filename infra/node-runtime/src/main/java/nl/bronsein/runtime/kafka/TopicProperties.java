package nl.bronsein.runtime.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The notification topics this node publishes to and reads from, created at start-up when missing
 * ({@code bronsein.topics.*}).
 *
 * @param create     false where the cluster's operators create topics themselves
 * @param partitions partitions of a created topic; the key (object id) keeps each object on one partition
 * @param replicas   replication factor of a created topic; 0 takes the broker's default
 */
@Validated
@ConfigurationProperties("bronsein.topics")
public record TopicProperties(
        Boolean create,
        @Positive(message = "must be at least 1, e.g. 3") Integer partitions,
        @PositiveOrZero(message = "must be 0 (the broker's default) or more, e.g. 3") Integer replicas) {

    public TopicProperties {
        create = create == null || create;
        partitions = partitions == null ? 3 : partitions;
        replicas = replicas == null ? 0 : replicas;
    }

    /** Whether this node makes its topics itself: never on a secured broker, where provisioning makes them. */
    public boolean createdBy(NodeKafkaConnection connection) {
        return create && !connection.secured();
    }

    public NewTopic withReplicas(TopicBuilder builder) {
        return replicas > 0 ? builder.replicas(replicas).build() : builder.build();
    }
}
