package nl.bronsein.runtime.rebuild;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.history.CatchUp;
import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;

/** Rewinding a node in its topics, or rebuilding everything it derived from others, on its administrator's request. */
@Configuration(proxyBeanMethods = false)
@Import(RewindController.class)
public class RebuildConfiguration {

    @Bean
    Rewind rewind(ConcurrentMessageListenerContainer<String, byte[]> notificationListenerContainer, InboxProcessor processor,
                  CatchUp catchUp, KafkaAdmin kafkaAdmin, SubscriptionProperties subscriptions, NodeIdentity identity,
                  Inbox inbox, PulledCopies pulledCopies, SourcePositions positions, List<DerivedState> derivedStates,
                  PlatformTransactionManager transactions) {
        return new Rewind(notificationListenerContainer, processor, catchUp, kafkaAdmin, subscriptions.groupOf(identity.id()),
                subscriptions.topics(identity), inbox, pulledCopies, positions, derivedStates, new TransactionTemplate(transactions));
    }
}
