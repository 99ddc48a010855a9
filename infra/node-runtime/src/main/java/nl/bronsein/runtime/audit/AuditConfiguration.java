package nl.bronsein.runtime.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import nl.bronsein.schemas.SharedObjectType;

/**
 * The processing log: one record for every answer at the network door, every pull, every staff read of personal data
 * and every change, in the shape of Logboek Dataverwerkingen.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingLogProperties.class)
public class AuditConfiguration {

    @Bean
    SubjectPseudonyms subjectPseudonyms(JdbcClient jdbc) {
        return new SubjectPseudonyms(jdbc, new SecureRandom());
    }

    /**
     * The span a processing runs in, from Micrometer Tracing: W3C trace context continued from the caller of a request
     * or the sender of a notification. Only without a tracer (tracing switched off) does each processing start a trace
     * of its own.
     */
    @Bean
    @ConditionalOnMissingBean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        if (tracer == null || tracer == Tracer.NOOP || propagator == null) {
            return Optional::empty;
        }
        return new MicrometerTrace(tracer, propagator);
    }

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock, CurrentTrace trace, ProcessingLogProperties properties,
                          SubjectPseudonyms subjects, ObjectProvider<ProcessingPurposes> purposes,
                          ObjectProvider<ChainSealer> sealer) {
        // the purposes and object types this node knows qualify an activity; the purposes are read when first
        // needed, as the pull policy is made after the processing log
        Set<String> known = new HashSet<>();
        for (SharedObjectType type : SharedObjectType.values()) {
            known.add(type.code());
        }
        ProcessingActivities activities = new ProcessingActivities(properties.activities(),
                new KnownQualifiers(known, purposes));
        return new AuditTrail(jdbc, clock, trace, activities, subjects, new SecureRandom(),
                () -> sealer.ifAvailable(ChainSealer::wakeUp));
    }

    private static final class KnownQualifiers implements java.util.function.Supplier<Set<String>> {

        private final Set<String> objectTypes;
        private final ObjectProvider<ProcessingPurposes> purposes;
        private volatile Set<String> all;

        KnownQualifiers(Set<String> objectTypes, ObjectProvider<ProcessingPurposes> purposes) {
            this.objectTypes = objectTypes;
            this.purposes = purposes;
        }

        @Override
        public Set<String> get() {
            Set<String> current = all;
            if (current == null) {
                Set<String> known = new HashSet<>(objectTypes);
                purposes.ifAvailable(p -> known.addAll(p.known()));
                current = Set.copyOf(known);
                all = current;
            }
            return current;
        }
    }
}
