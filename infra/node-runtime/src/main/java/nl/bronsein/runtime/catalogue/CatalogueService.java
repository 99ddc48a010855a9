package nl.bronsein.runtime.catalogue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ServiceKind;

/**
 * A service in this municipality's catalogue (sociale kaart): a Wmo or youth product or a general provision, the
 * providers contracted for it and an indicative waiting time, offered from one day and possibly until another. Every
 * change is the next version; a retired service keeps its record (referrals and cases name it) with an end date.
 *
 * @param providers      participant URNs of the contracted providers
 * @param waitingWeeks   indicative, in weeks; null when none is given
 * @param effectiveUntil exclusive: the first day it is no longer offered; null while no end is set
 */
public record CatalogueService(UUID id, int version, String owner, String name, ServiceKind kind, String description,
                               List<String> providers, Integer waitingWeeks, LocalDate effectiveFrom,
                               LocalDate effectiveUntil) {

    public CatalogueService {
        providers = List.copyOf(providers);
        if (id == null || owner == null || version < 1 || name == null || kind == null || effectiveFrom == null) {
            throw new IllegalArgumentException("a catalogue service needs an id, an owner, a version, a name, a kind "
                    + "and the day it is first offered");
        }
    }

    /** The details as the staff API takes them, for a first version or a correction. */
    public record Details(String name, ServiceKind kind, String description, List<String> providers,
                          Integer waitingWeeks, LocalDate effectiveFrom, LocalDate effectiveUntil) {
    }

    static CatalogueService first(UUID id, String owner, Details details) {
        return new CatalogueService(id, 1, owner, details.name(), details.kind(), details.description(),
                details.providers(), details.waitingWeeks(), details.effectiveFrom(), details.effectiveUntil());
    }

    /** The next version with every detail as given: a correction replaces what was published, it does not merge. */
    CatalogueService correct(Details details) {
        return new CatalogueService(id, version + 1, owner, details.name(), details.kind(), details.description(),
                details.providers(), details.waitingWeeks(), details.effectiveFrom(), details.effectiveUntil());
    }

    /**
     * The next version, no longer offered from {@code until}. Retiring moves the end only forward in time from now:
     * a service that has already ended is not retired again (correcting its dates is a correction).
     *
     * @throws IllegalTransitionException when the service already ends on or before {@code until}
     */
    CatalogueService retire(LocalDate until) {
        if (effectiveUntil != null && !effectiveUntil.isAfter(until)) {
            throw new IllegalTransitionException("the service already ends on " + effectiveUntil);
        }
        return new CatalogueService(id, version + 1, owner, name, kind, description, providers, waitingWeeks,
                effectiveFrom, until);
    }

    /** The view the network pulls for purpose {@code catalogue}. */
    public CatalogueServiceView view() {
        return new CatalogueServiceView(id.toString(), version, owner, name, kind, description, providers, waitingWeeks,
                effectiveFrom, effectiveUntil);
    }
}
