package nl.bronsein.runtime.copy;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import nl.bronsein.runtime.pull.PullClient;

/** What this node pulled from others: the copies, kept with where and why they were pulled, and the owner's answers. */
@Configuration(proxyBeanMethods = false)
public class PulledCopyConfiguration {

    @Bean
    PulledCopies pulledCopies(JdbcClient jdbc, JsonMapper json) {
        return new PulledCopies(jdbc, json);
    }

    @Bean
    OwnerAnswers ownerAnswers(PullClient pullClient, PulledCopies pulledCopies, Clock clock) {
        return new OwnerAnswers(pullClient, pulledCopies, clock);
    }
}
