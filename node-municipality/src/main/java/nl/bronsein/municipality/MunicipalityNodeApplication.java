package nl.bronsein.municipality;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The municipality's node: referrals become cases in the municipality's own registration, followed by the referrer. */
@SpringBootApplication
public class MunicipalityNodeApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The node's defaults live in {@code municipality-node.yml} inside the jar, so that an operator's {@code application.yml} or
     * {@code application.properties} next to it overrides them, and nodes can share a JVM in tests.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MunicipalityNodeApplication.class).properties("spring.config.name=municipality-node,application");
    }
}
