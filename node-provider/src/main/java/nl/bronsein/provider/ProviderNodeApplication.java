package nl.bronsein.provider;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The provider's node: a municipality's assignment (or a GP's direct referral) becomes an assignment in the provider's
 * own registration, which it accepts or declines and on which it reports care started and ended.
 */
@SpringBootApplication
public class ProviderNodeApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The node's defaults live in {@code provider-node.yml} inside the jar, so that an operator's {@code application.yml}
     * or {@code application.properties} next to it overrides them, and nodes can share a JVM in tests.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProviderNodeApplication.class).properties("spring.config.name=provider-node,application");
    }
}
