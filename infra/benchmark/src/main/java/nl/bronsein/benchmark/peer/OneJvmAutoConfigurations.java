package nl.bronsein.benchmark.peer;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The benchmark runs the GP and municipality nodes and the peer as Spring applications in one JVM, on one classpath, so
 * each would get the other's auto-configurations: Spring Modulith would put its event publication registry (in place
 * of the nodes' event multicaster), its JSON converter for Kafka and its scan of application modules into the nodes,
 * whose figures must be those of a node as it ships; and the node runtime would make the peer a node. So Spring
 * Modulith's auto-configurations apply to the peer alone (the application with {@link PeerApplication#MARKER}), and
 * Bronsein's to everything but the peer. Registered in {@code META-INF/spring.factories}.
 */
public final class OneJvmAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String MODULITH = "org.springframework.modulith.";
    private static final String BRONSEIN = "nl.bronsein.";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean peer = environment.getProperty(PeerApplication.MARKER, Boolean.class, false);
        boolean[] match = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            if (candidate == null) {
                match[i] = true; // already filtered out by an earlier filter
            } else if (candidate.startsWith(MODULITH)) {
                match[i] = peer;
            } else {
                match[i] = !(peer && candidate.startsWith(BRONSEIN));
            }
        }
        return match;
    }
}
