package nl.bronsein.runtime.pull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.schemas.view.ProcessingRecordsView;

/**
 * Pulling, both ways ({@code bronsein.pull.*}): who may pull what from this node, and the timeouts of this node's own
 * pulls. At start-up every rule must name an object type this node owns and a view that type has.
 *
 * @param policies       this node's pull policy as data ({@code bronsein.pull.policies[n].object-type / purpose / roles
 *                       / view / consent-required}); anything not allowed here is refused
 * @param connectTimeout for outgoing pulls
 * @param readTimeout    for outgoing pulls
 */
@Validated
@ConfigurationProperties("bronsein.pull")
record PullProperties(
        List<PullRule> policies,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 5s") Duration connectTimeout,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 10s") Duration readTimeout) {

    public PullProperties {
        policies = policies == null ? List.of() : List.copyOf(policies);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }

    /**
     * The policy, once every rule is checked against what this node owns: an object type it owns, a view that type has,
     * an involvement that type knows. A rule that names anything else would refuse every pull it was meant to allow.
     */
    PullPolicy checkedAgainst(List<SharedObjectSource> sources) {
        Map<String, SharedObjectSource> byType = new HashMap<>();
        sources.forEach(s -> byType.put(s.objectType().code(), s));
        for (int i = 0; i < policies.size(); i++) {
            PullRule rule = policies.get(i);
            SharedObjectSource source = byType.get(rule.objectType());
            if (source == null) {
                throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].object-type",
                        rule.objectType(), "is refused: pull policy for " + rule.purpose() + " names object type "
                        + rule.objectType() + ", which this node does not own",
                        "Use an object type this node owns: " + byType.keySet().stream().sorted().toList() + ".");
            }
            // the owner's log of accesses to the object is served by the runtime for every object type
            if (!source.views().contains(rule.view()) && !ProcessingRecordsView.VIEW.equals(rule.view())) {
                throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].view", rule.view(),
                        "is refused: pull policy for " + rule.purpose() + " names view " + rule.view() + "; "
                                + rule.objectType() + " has views " + source.views(),
                        "Use one of the views " + rule.objectType() + " has: " + source.views() + ".");
            }
            for (String relation : rule.involvement()) {
                if (!source.relations().contains(relation)) {
                    throw new InvalidNodeConfigurationException("bronsein.pull.policies[" + i + "].involvement", relation,
                            "is refused: pull policy for " + rule.purpose() + " names involvement " + relation + "; "
                                    + rule.objectType() + " involves participants as " + source.relations(),
                            "Use one of " + source.relations() + ", or leave involvement out for any involvement.");
                }
            }
        }
        return new PullPolicy(policies);
    }
}
