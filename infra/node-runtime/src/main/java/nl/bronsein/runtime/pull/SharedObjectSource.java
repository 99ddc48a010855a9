package nl.bronsein.runtime.pull;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.bronsein.schemas.SharedObjectType;

/** Where the pull server finds this node's objects of one type, and which views of them exist. */
public interface SharedObjectSource {

    SharedObjectType objectType();

    Set<String> views();

    Optional<SharedObject> find(UUID objectId);
}
