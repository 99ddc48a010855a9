package nl.bronsein.network;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** A jqwik container that runs only in the suite's PostgreSQL run ({@code -Dbronsein.test.database=postgres}). */
public class OnPostgreSQL implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return TestNetwork.onPostgres() ? SkipResult.doNotSkip()
                : SkipResult.skip("runs on PostgreSQL, the production database, only");
    }
}
