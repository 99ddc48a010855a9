package nl.bronsein.runtime.pull;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;

/**
 * A source of objects published to the whole network on a generic topic (contact points, catalogue services): public
 * within the network and free of personal data, so every listed participant (the door has already authenticated it)
 * is involved, nobody in particular is addressed, and no consent is needed. They have one view, the same for every
 * caller. Which roles may pull, for which purpose, is still the node's pull policy.
 */
public class PublishedObjectSource implements SharedObjectSource {

    private final SharedObjectType type;
    private final String view;
    private final Function<UUID, Optional<?>> published;

    /** @param published the object's one view, by id; empty when this node has no such object */
    public PublishedObjectSource(SharedObjectType type, String view, Function<UUID, Optional<?>> published) {
        if (!type.generic()) {
            throw new IllegalArgumentException(type.code() + " is addressed, not published to everyone");
        }
        this.type = type;
        this.view = view;
        this.published = published;
    }

    @Override
    public SharedObjectType objectType() {
        return type;
    }

    @Override
    public Set<String> views() {
        return Set.of(view);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return published.apply(objectId).map(Published::new);
    }

    private final class Published implements SharedObject {

        private final Object content;

        private Published(Object content) {
            this.content = content;
        }

        /** For everyone: nobody in particular is addressed, it goes on the generic topic. */
        @Override
        public Set<ParticipantId> involved() {
            return Set.of();
        }

        @Override
        public boolean involves(ParticipantId participant) {
            return true;
        }

        @Override
        public boolean consentCovers(String purpose) {
            return true;
        }

        @Override
        public Object view(String name, Participant caller) {
            if (!view.equals(name)) {
                throw new IllegalArgumentException("unknown view " + name);
            }
            return content;
        }
    }
}
