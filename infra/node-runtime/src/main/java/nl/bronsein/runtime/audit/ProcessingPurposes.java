package nl.bronsein.runtime.audit;

import java.util.Set;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The purposes this node serves pulls for (its pull policy): only these qualify a processing activity, so a caller's
 * made-up purpose cannot invent one.
 */
@NodeApi
@FunctionalInterface
public interface ProcessingPurposes {

    Set<String> known();
}
