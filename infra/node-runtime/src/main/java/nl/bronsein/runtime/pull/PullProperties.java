package nl.bronsein.runtime.pull;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param policies       this node's pull policy as data ({@code bronsein.pull.policies[n].object-type / purpose / roles
 *                       / view / consent-required}); anything not allowed here is refused
 * @param connectTimeout for outgoing pulls
 * @param readTimeout    for outgoing pulls
 */
@ConfigurationProperties("bronsein.pull")
public record PullProperties(List<PullRule> policies, Duration connectTimeout, Duration readTimeout) {

    public PullProperties {
        policies = policies == null ? List.of() : List.copyOf(policies);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
