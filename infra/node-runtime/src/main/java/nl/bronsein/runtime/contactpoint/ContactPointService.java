package nl.bronsein.runtime.contactpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

/**
 * Publishing and changing this node's contact points. Every change is one transaction with its notification
 * ({@code nl.bronsein.contact-point.changed.v1}); a refused change stores and notifies nothing.
 */
public class ContactPointService {

    static final String CHANGED = "changed";

    private final ContactPointRepository contactPoints;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;

    public ContactPointService(ContactPointRepository contactPoints, Outbox outbox, NodeIdentity identity, Clock clock) {
        this.contactPoints = contactPoints;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * A new contact point, version 1.
     *
     * @param effectiveFrom when the details take effect; null for now
     */
    @Transactional
    public ContactPoint publish(ContactPointView details, Instant effectiveFrom) {
        Instant now = now();
        ContactPoint published = ContactPoint.first(UUID.randomUUID(), identity.id().urn(), entry(details, effectiveFrom, now));
        contactPoints.insert(published, now);
        notifyChange(published, now);
        return published;
    }

    /**
     * Announces new details for a contact point, the next version. They may take effect in the future, never before the
     * latest announced change.
     *
     * @param effectiveFrom when the details take effect; null for now
     */
    @Transactional
    public ContactPoint announce(UUID id, ContactPointView details, Instant effectiveFrom) {
        ContactPoint current = contactPoints.find(id).orElseThrow(() -> new NotFoundException("no such contact point"));
        Instant now = now();
        ContactPoint changed = current.announce(entry(details, effectiveFrom, now));
        if (!contactPoints.update(changed, current.version(), now)) {
            throw new ConcurrentChangeException("contact point");
        }
        notifyChange(changed, now);
        return changed;
    }

    private void notifyChange(ContactPoint cp, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.CONTACT_POINT, cp.id().toString(), CHANGED, cp.version(), at));
    }

    /** Moments are kept to the millisecond, as notifications carry them. */
    private static Entry entry(ContactPointView details, Instant effectiveFrom, Instant now) {
        Instant from = effectiveFrom == null ? now : effectiveFrom.truncatedTo(ChronoUnit.MILLIS);
        return new Entry(details.name(), details.phone(), details.email(), from);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
