package nl.bronsein.runtime.pull;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The pull endpoint, which applies {@link PullConfiguration}'s policy to other participants. Apart from the policy
 * because it answers at the network door (its audit is the door's): the policy alone also decides whom the outbox
 * addresses, without a door.
 */
@Configuration(proxyBeanMethods = false)
@Import(PullController.class)
public class PullEndpointConfiguration {
}
