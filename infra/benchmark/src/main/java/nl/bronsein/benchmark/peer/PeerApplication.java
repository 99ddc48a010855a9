package nl.bronsein.benchmark.peer;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableAsync;

import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.web.ProblemResponses;

/**
 * The peer: a Spring Boot application that records the referral the GP node records — in the GP's own tables, made by
 * the GP node's Flyway migrations ({@code classpath:db/gp}) and written by its own repositories; the GP's
 * {@code ReferralDraft} with its bean validation; refusals as the GP's problem+json ({@link ProblemResponses}); the
 * same kind of staff token ({@link PeerSecurity}) — and, in the same transaction, publishes a {@link ReferralRecorded}
 * that Spring Modulith's registry stores and, after the commit, sends to Kafka ({@code benchmark-peer.yml}).
 *
 * <p>It starts alone ({@link #main}) or from the benchmark, beside the nodes in one JVM ({@link OneJvmAutoConfigurations}
 * keeps each to its own auto-configurations).
 */
@SpringBootApplication
@EnableAsync // Spring Modulith's externalizer is an asynchronous listener, run after the commit
@Import(ProblemResponses.class)
public class PeerApplication {

    /** The peer's events: a topic of its own, with the partitions of the benchmark's other topics. */
    public static final String TOPIC = "benchmark-peer.referrals";

    /**
     * Set for the peer alone: Spring Modulith's auto-configurations apply to an application that has it, Bronsein's to
     * one that has not ({@link OneJvmAutoConfigurations}).
     */
    static final String MARKER = "bronsein.benchmark.peer";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Its defaults live in {@code benchmark-peer.yml}; an {@code application.yml} beside it overrides them. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PeerApplication.class)
                .properties("spring.config.name=benchmark-peer,application", MARKER + "=true");
    }

    @Bean
    NewTopic referralTopic() {
        return TopicBuilder.name(TOPIC).partitions(3).replicas(1).build();
    }

    @Bean
    ConsentRepository consentRepository(JdbcClient jdbc) {
        return new ConsentRepository(jdbc);
    }

    @Bean
    ReferralRepository referralRepository(JdbcClient jdbc, ConsentRepository consents) {
        return new ReferralRepository(jdbc, consents);
    }
}
