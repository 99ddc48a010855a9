package nl.bronsein.runtime.pull;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.SharedObjectType;

/** Where the pull server finds this node's objects of one type, and which views of them exist. */
@NodeApi
public interface SharedObjectSource {

    SharedObjectType objectType();

    Set<String> views();

    Optional<SharedObject> find(UUID objectId);

    /** The relations its objects name ({@link SharedObject#relationsOf}), which pull rules may ask for. */
    default Set<String> relations() {
        return Set.of();
    }

    /**
     * Before the policy decides on a pull, the source may admit the caller to the object on the strength of an object at
     * another owner, or drop an admission that no longer holds: the provider the municipality's case was assigned to,
     * asking the GP for the referral the case rests on, presents that case ({@code basis}, its owner's pull URL), and the
     * GP checks it at the municipality — at every pull, so a provider the case was taken from is not admitted by an
     * old answer. The policy then decides as always. By default nothing: an object involves whom its owner recorded.
     *
     * @param basis the object the caller says its access rests on, if it presented one
     * @throws PullUnavailableException when the basis cannot be checked at its owner now; the caller may try again
     */
    default void admit(UUID objectId, Participant caller, Optional<URI> basis) {
    }
}
