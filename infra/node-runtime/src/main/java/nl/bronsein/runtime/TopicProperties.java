package nl.bronsein.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notification topics this node publishes to and reads from, created at start-up when missing.
 *
 * @param create     false where the cluster's operators create topics themselves
 * @param partitions partitions of a created topic; the key (object id) keeps each object on one partition
 * @param replicas   replication factor of a created topic; 0 takes the broker's default
 */
@ConfigurationProperties("bronsein.topics")
public record TopicProperties(Boolean create, Integer partitions, Integer replicas) {

    public TopicProperties {
        create = create == null || create;
        partitions = partitions == null ? 3 : partitions;
        replicas = replicas == null ? 0 : replicas;
    }
}
