package nl.bronsein.runtime.audit;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The node's register of processing activities: which activity a processing record names. A purpose or object type
 * qualifies the activity only when this node knows it — a caller's made-up purpose must not invent an activity.
 */
final class ProcessingActivities {

    static final String DEFAULT_PREFIX = "urn:bronsein:processing-activity:";

    private final Map<String, URI> configured;
    private final Supplier<Set<String>> known;

    ProcessingActivities(Map<String, URI> configured, Supplier<Set<String>> known) {
        this.configured = configured;
        this.known = known;
    }

    String of(String name, String qualifier) {
        if (qualifier != null && known.get().contains(qualifier)) {
            URI qualified = configured.get(name + "." + qualifier);
            if (qualified != null) {
                return qualified.toString();
            }
            URI unqualified = configured.get(name);
            return unqualified != null ? unqualified.toString() : DEFAULT_PREFIX + name + "." + qualifier;
        }
        URI unqualified = configured.get(name);
        return unqualified != null ? unqualified.toString() : DEFAULT_PREFIX + name;
    }
}
