package nl.bronsein.runtime.pull;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
public record PullProperties(
        List<PullRule> policies,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 5s") Duration connectTimeout,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 10s") Duration readTimeout) {

    public PullProperties {
        policies = policies == null ? List.of() : List.copyOf(policies);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
