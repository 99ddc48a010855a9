package nl.bronsein.runtime.insight;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;

/** The citizen's access report: at the desks where citizens ask (their GP practice, the municipality). */
@Configuration(proxyBeanMethods = false)
@Import({CitizenInsightController.class, CitizenAccessScreens.class})
public class InsightConfiguration {

    @Bean
    CitizenDesk citizenDesk(NodeIdentity identity) {
        return new CitizenDesk(identity);
    }

    @Bean
    CitizenInsight citizenInsight(AuditTrail log, PullClient pull, ParticipantList participants, NodeIdentity identity,
                                  List<RelatedObjects> related) {
        return new CitizenInsight(log, pull, participants, identity, related);
    }
}
