package nl.bronsein.runtime.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.history.CatchUp;
import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxProcessor;

/**
 * Moves this node back in its topics and lets it handle what it reads again: the listener, the inbox processor and
 * the catch-up stop; the consumer group's offsets move to a moment (or the beginning); the inbox forgets what happened
 * from then, and for a rebuild every derived state is forgotten too; then all start again. Handlers are idempotent and
 * a node's own objects are keyed by what they rest on, so rewinding — twice, even — duplicates nothing.
 */
public class Rewind {

    private static final Logger log = LoggerFactory.getLogger(Rewind.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

    private final MessageListenerContainer listener;
    private final InboxProcessor processor;
    private final CatchUp catchUp;
    private final KafkaAdmin kafka;
    private final String consumerGroup;
    private final List<String> topics;
    private final Inbox inbox;
    private final PulledCopies copies;
    private final SourcePositions positions;
    private final List<DerivedState> derivedStates;
    private final TransactionTemplate transactions;

    public Rewind(MessageListenerContainer listener, InboxProcessor processor, CatchUp catchUp, KafkaAdmin kafka,
                  String consumerGroup, List<String> topics, Inbox inbox, PulledCopies copies, SourcePositions positions,
                  List<DerivedState> derivedStates, TransactionTemplate transactions) {
        this.listener = listener;
        this.processor = processor;
        this.catchUp = catchUp;
        this.kafka = kafka;
        this.consumerGroup = consumerGroup;
        this.topics = List.copyOf(topics);
        this.inbox = inbox;
        this.copies = copies;
        this.positions = positions;
        this.derivedStates = List.copyOf(derivedStates);
        this.transactions = transactions;
    }

    /** What a rewind did: the offsets each partition moved to, and how many inbox entries were forgotten. */
    public record Result(String consumerGroup, Map<String, Long> offsets, int forgottenNotifications, boolean rebuilt) {
    }

    /**
     * @param from the moment to read again from; {@code null} for the beginning of every topic
     * @param rebuild also forget everything derived from others (pulled copies, positions, the node's derived state)
     */
    public synchronized Result rewind(Instant from, boolean rebuild) {
        listener.stop();
        processor.stop();
        catchUp.stop();
        try {
            Map<String, Long> offsets = moveOffsets(from);
            int forgotten = transactions.execute(status -> {
                int count = inbox.forgetFrom(rebuild ? null : from);
                if (rebuild) {
                    copies.forgetAll();
                    positions.forgetAll();
                    derivedStates.forEach(DerivedState::forget);
                }
                return count;
            });
            log.info("Rewound {} to {}{}: {} notification(s) to handle again", consumerGroup,
                    from == null ? "the beginning" : from, rebuild ? " and forgot all derived state" : "", forgotten);
            return new Result(consumerGroup, offsets, forgotten, rebuild);
        } finally {
            processor.start();
            catchUp.start();
            listener.start();
        }
    }

    private Map<String, Long> moveOffsets(Instant from) {
        try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p -> wanted.put(new TopicPartition(description.name(), p.partition()),
                        from == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(from.toEpochMilli())));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(wanted).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, Long> latest = new HashMap<>();
            if (from != null) {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                wanted.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                admin.listOffsets(ends).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .forEach((tp, info) -> latest.put(tp, info.offset()));
            }
            Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
            Map<String, Long> report = new HashMap<>();
            found.forEach((tp, info) -> {
                // no record at or after the moment: nothing to read again in this partition, so go to its end
                long offset = info.offset() >= 0 ? info.offset() : latest.getOrDefault(tp, 0L);
                moved.put(tp, new OffsetAndMetadata(offset));
                report.put(tp.toString(), offset);
            });
            admin.alterConsumerGroupOffsets(consumerGroup, moved).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return report;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not move consumer group " + consumerGroup + ": "
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving consumer group " + consumerGroup, e);
        }
    }
}
