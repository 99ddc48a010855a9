package nl.bronsein.runtime.contactpoint;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;

/** Contact points: every node publishes its own and keeps a directory of others'. */
@Configuration(proxyBeanMethods = false)
@Import({ContactPointController.class, ContactPointScreens.class})
public class ContactPointConfiguration {

    @Bean
    ContactPointRepository contactPointRepository(JdbcClient jdbc, NodeIdentity identity) {
        return new ContactPointRepository(jdbc, identity.id().urn());
    }

    @Bean
    ContactPointService contactPointService(ContactPointRepository contactPoints, Outbox outbox, NodeIdentity identity,
                                            Clock clock) {
        return new ContactPointService(contactPoints, outbox, identity, clock);
    }

    @Bean
    ContactPointSource contactPointSource(ContactPointRepository contactPoints) {
        return new ContactPointSource(contactPoints);
    }

    @Bean
    ContactPointHandler contactPointHandler(OwnerAnswers ownerAnswers, PulledCopies pulledCopies) {
        return new ContactPointHandler(ownerAnswers, pulledCopies);
    }

    @Bean
    ContactPointDirectory contactPointDirectory(ContactPointRepository contactPoints, PulledCopies pulledCopies,
                                                NodeIdentity identity, Clock clock) {
        return new ContactPointDirectory(contactPoints, pulledCopies, identity, clock);
    }
}
