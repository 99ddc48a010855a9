package nl.bronsein.runtime.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;

/**
 * Publishing, correcting and retiring this municipality's catalogue services. Every change is one transaction with its
 * notification ({@code nl.bronsein.service.changed.v2}, generic topic); a refused change stores and notifies nothing.
 * Only a municipality publishes a catalogue: the code is the same on every node (as for contact points), so a GP's or
 * provider's node refuses here rather than publish services nobody would take in.
 */
class CataloguePublication {

    static final String CHANGED = "changed";

    private final CatalogueRepository services;
    private final Outbox outbox;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    CataloguePublication(CatalogueRepository services, Outbox outbox, ParticipantList participants,
                         NodeIdentity identity, Clock clock) {
        this.services = services;
        this.outbox = outbox;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    /** A new service, version 1. */
    @Transactional
    CatalogueService publish(CatalogueService.Details details) {
        requireMunicipality();
        check(details);
        Instant now = now();
        CatalogueService published = CatalogueService.first(UUID.randomUUID(), identity.id().urn(), details);
        services.insert(published, now);
        notifyChange(published, now);
        return published;
    }

    /** The next version with the details as given. */
    @Transactional
    CatalogueService correct(UUID id, CatalogueService.Details details) {
        requireMunicipality();
        check(details);
        CatalogueService current = find(id);
        return save(current, current.correct(details));
    }

    /** The next version, no longer offered from {@code until} (null: from today). */
    @Transactional
    CatalogueService retire(UUID id, LocalDate until) {
        requireMunicipality();
        CatalogueService current = find(id);
        return save(current, current.retire(until == null ? ServiceCatalogue.today(clock) : until));
    }

    private CatalogueService find(UUID id) {
        return services.find(id).orElseThrow(() -> new NotFoundException("no such catalogue service"));
    }

    private CatalogueService save(CatalogueService current, CatalogueService next) {
        Instant now = now();
        if (!services.update(next, current.version(), now)) {
            throw new ConcurrentChangeException("catalogue service");
        }
        notifyChange(next, now);
        return next;
    }

    private void requireMunicipality() {
        if (identity.role() != ParticipantRole.MUNICIPALITY) {
            throw new IllegalTransitionException("only a municipality publishes a service catalogue");
        }
    }

    /** The contracted providers must be providers the network knows; the end, if any, after the start. */
    private void check(CatalogueService.Details details) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < details.providers().size(); i++) {
            boolean listedProvider = participants.find(details.providers().get(i)).map(Participant::role)
                    .filter(ParticipantRole.PROVIDER::equals).isPresent();
            if (!listedProvider) {
                problems.add(new FieldProblem("providers[" + i + "]", "is not a provider in the participant list"));
            }
        }
        if (details.providers().stream().distinct().count() < details.providers().size()) {
            problems.add(new FieldProblem("providers", "names a provider more than once"));
        }
        if (details.effectiveUntil() != null && !details.effectiveUntil().isAfter(details.effectiveFrom())) {
            problems.add(new FieldProblem("effectiveUntil", "must be after effectiveFrom"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private void notifyChange(CatalogueService service, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.SERVICE, service.id().toString(), CHANGED,
                service.version(), at));
    }

    /** Moments are kept to the millisecond, as notifications carry them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
