package nl.bronsein.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Brings the broker to a {@link NetworkAccess}: creates the topics and ACLs that are missing, deletes the ACLs of
 * participant principals that are not wanted (a participant that left the list, a right it no longer has) and the
 * inbox and checkpoint topics of participants that left. What is there already is left alone, so a second run changes
 * nothing. Topics that are no participant's (the generic ones, anything an operator made) are never deleted, and an
 * existing topic's partitions are not changed.
 */
final class Provisioner {

    private final Admin admin;
    private final Duration timeout;

    Provisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What would change, from what the broker holds now. */
    Plan plan(NetworkAccess wanted) {
        Set<String> existingTopics = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names());
        Set<AclBinding> existingAcls = new LinkedHashSet<>();
        for (AclBinding acl : await(admin.describeAcls(AclBindingFilter.ANY).values())) {
            if (NetworkAccess.isParticipantPrincipal(acl.entry().principal())) {
                existingAcls.add(acl);
            }
        }
        Set<String> createTopics = new TreeSet<>(wanted.topics().keySet());
        createTopics.removeAll(existingTopics);
        Set<String> deleteTopics = new TreeSet<>();
        existingTopics.stream().filter(NetworkAccess::isParticipantTopic)
                .filter(topic -> !wanted.topics().containsKey(topic)).forEach(deleteTopics::add);
        Set<AclBinding> createAcls = new LinkedHashSet<>(wanted.acls());
        createAcls.removeAll(existingAcls);
        Set<AclBinding> deleteAcls = new LinkedHashSet<>(existingAcls);
        deleteAcls.removeAll(wanted.acls());
        return new Plan(wanted, List.copyOf(createTopics), List.copyOf(deleteTopics), List.copyOf(createAcls),
                List.copyOf(deleteAcls));
    }

    /**
     * Carries the plan out: ACLs are removed before topics go, and granted after the topics exist. In batches: KRaft's
     * controller refuses an operation of more than 10,000 metadata records ("Unable to perform excessively large batch
     * operation"), and a topic of three partitions is five of them — provisioning 1,500 participants in one call failed
     * so (found by the benchmark's provisioned broker).
     */
    void apply(Plan plan) {
        inBatches(plan.deleteAcls(), ACLS_PER_CALL,
                batch -> await(admin.deleteAcls(batch.stream().map(AclBinding::toFilter).toList()).all()));
        inBatches(plan.deleteTopics(), TOPICS_PER_CALL, batch -> await(admin.deleteTopics(batch).all()));
        List<NewTopic> topics = new ArrayList<>();
        for (String name : plan.createTopics()) {
            NetworkAccess.TopicSpec spec = plan.wanted().topics().get(name);
            NewTopic topic = new NewTopic(name, Optional.of(spec.partitions()), Optional.empty());
            topics.add(spec.compacted()
                    ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                    : topic);
        }
        inBatches(topics, TOPICS_PER_CALL, batch -> await(admin.createTopics(batch).all()));
        inBatches(plan.createAcls(), ACLS_PER_CALL, batch -> await(admin.createAcls(batch).all()));
        awaitInEffect(plan);
    }

    /** Well under the controller's 10,000 records per operation: an ACL is one record, a topic one per partition and more. */
    static final int ACLS_PER_CALL = 2_000;
    static final int TOPICS_PER_CALL = 500;

    static <T> void inBatches(List<T> items, int size, java.util.function.Consumer<List<T>> action) {
        for (int from = 0; from < items.size(); from += size) {
            action.accept(items.subList(from, Math.min(items.size(), from + size)));
        }
    }

    /**
     * Returns once the broker answers with the ACLs as planned. The controller has committed them when createAcls and
     * deleteAcls return, but a broker authorizes from its own copy of the metadata log, which follows by a moment: a node
     * started right after provisioning was refused its inbox on a loaded machine, and a test read an empty ACL list.
     */
    private void awaitInEffect(Plan plan) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<AclBinding> present = new LinkedHashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values()));
            if (present.containsAll(plan.createAcls()) && plan.deleteAcls().stream().noneMatch(present::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ProvisioningException("the broker did not show the provisioned ACLs within "
                        + timeout.toSeconds() + "s", null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException("interrupted", e);
            }
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted", e);
        } catch (ExecutionException e) {
            throw new ProvisioningException(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new ProvisioningException("no answer from Kafka within " + timeout.toSeconds() + "s", e);
        }
    }

    /** The changes that bring the broker to {@code wanted}. */
    record Plan(NetworkAccess wanted, List<String> createTopics, List<String> deleteTopics, List<AclBinding> createAcls,
                List<AclBinding> deleteAcls) {

        boolean isEmpty() {
            return createTopics.isEmpty() && deleteTopics.isEmpty() && createAcls.isEmpty() && deleteAcls.isEmpty();
        }

        /** One line per change, removals first, as {@link #apply} makes them. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            NetworkAccess.describe(deleteAcls).forEach(acl -> lines.add("remove acl   " + acl));
            deleteTopics.forEach(topic -> lines.add("remove topic " + topic));
            createTopics.forEach(topic -> {
                NetworkAccess.TopicSpec spec = wanted.topics().get(topic);
                lines.add("create topic " + topic + " (partitions " + spec.partitions()
                        + (spec.compacted() ? ", compacted" : "") + ")");
            });
            NetworkAccess.describe(createAcls).forEach(acl -> lines.add("create acl   " + acl));
            return lines;
        }

        String summary() {
            return createTopics.size() + " topics and " + createAcls.size() + " ACLs to create, " + deleteTopics.size()
                    + " topics and " + deleteAcls.size() + " ACLs to remove";
        }
    }

    /** Kafka refused or did not answer; the message says what. */
    static final class ProvisioningException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
