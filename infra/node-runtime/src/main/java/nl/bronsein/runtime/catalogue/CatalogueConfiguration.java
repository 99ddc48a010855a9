package nl.bronsein.runtime.catalogue;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;

/** The service catalogue: a municipality publishes its own, every node keeps the directory of the municipalities'. */
@Configuration(proxyBeanMethods = false)
@Import(CatalogueController.class)
public class CatalogueConfiguration {

    @Bean
    CatalogueRepository catalogueRepository(JdbcClient jdbc, NodeIdentity identity) {
        return new CatalogueRepository(jdbc, identity.id().urn());
    }

    @Bean
    CataloguePublication cataloguePublication(CatalogueRepository services, Outbox outbox,
                                              ParticipantList participants, NodeIdentity identity, Clock clock) {
        return new CataloguePublication(services, outbox, participants, identity, clock);
    }

    @Bean
    CatalogueSource catalogueSource(CatalogueRepository services) {
        return new CatalogueSource(services);
    }

    @Bean
    CatalogueHandler catalogueHandler(OwnerAnswers ownerAnswers, PulledCopies pulledCopies) {
        return new CatalogueHandler(ownerAnswers, pulledCopies);
    }

    @Bean
    ServiceCatalogue serviceCatalogue(CatalogueRepository services, PulledCopies pulledCopies, NodeIdentity identity,
                                      Clock clock) {
        return new ServiceCatalogue(services, pulledCopies, identity, clock);
    }
}
