package nl.bronsein.runtime.outbox;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.pull.PullPolicy;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationCodec;

/**
 * The outbox: a change and its notifications commit together in the node's database. Publishing them is the relay's
 * ({@link RelayConfiguration}); the outbox only wakes it after a commit, when there is one.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    OutboxRepository outboxRepository(JdbcClient jdbc) {
        return new OutboxRepository(jdbc);
    }

    /** Every node runs with the relay; a part of the runtime started without one records, and nothing leaves. */
    @Bean
    Outbox outbox(OutboxRepository repository, NotificationCodec codec, NodeIdentity identity, ObjectProvider<Relay> relay,
                  List<SharedObjectSource> ownObjects, PullPolicy pullPolicy, ParticipantList participants,
                  nl.bronsein.runtime.audit.AuditTrail log) {
        Relay relayOrNone = relay.getIfAvailable();
        return new Outbox(repository, codec, identity, relayOrNone == null ? () -> { } : relayOrNone::wakeUp,
                new Addressees(ownObjects, pullPolicy, participants, identity), log);
    }
}
