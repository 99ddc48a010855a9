package nl.bronsein.network;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The hostile-input suite runs on a fixed seed, so that the build is repeatable and a failure repeats on the next run;
 * {@code -Dbronsein.fuzz.seed=N} samples other inputs (jqwik prints the seed with every property's report).
 */
public class FuzzSeed implements AroundPropertyHook {

    static final String DEFAULT = "7420260415";

    static String seed() {
        return System.getProperty("bronsein.fuzz.seed", DEFAULT);
    }

    /** The tries of each property: its own number, or fewer with {@code -Dbronsein.fuzz.tries=N} while developing. */
    static int tries(int declared) {
        return Integer.getInteger("bronsein.fuzz.tries", declared);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setSeed(seed());
        context.attributes().tries().ifPresent(declared -> context.attributes().setTries(tries(declared)));
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
