package nl.bronsein.gp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The GP practice's node: referrals at the source, and feedback on them pulled from where it is recorded. */
@SpringBootApplication
public class GpNodeApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The node's defaults live in {@code gp-node.yml} inside the jar, so that an operator's {@code application.yml} or
     * {@code application.properties} next to it overrides them, and nodes can share a JVM in tests.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GpNodeApplication.class).properties("spring.config.name=gp-node,application");
    }
}
