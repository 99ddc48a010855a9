package nl.bronsein.schemas.view;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A service in a municipality's catalogue (sociale kaart) as the municipality publishes it, for purpose
 * {@code catalogue}: what it is, who delivers it under contract and how long one waits. No personal data: it is
 * public within the network.
 *
 * @param kind           null when the municipality serves a kind added after this release (see {@link ServiceKind})
 * @param providers      the participant URNs of the contracted providers
 * @param waitingWeeks   the indicative waiting time in weeks; null when the municipality gives none
 * @param effectiveFrom  the first day the service is offered
 * @param effectiveUntil the first day it is no longer offered (exclusive, so a retirement "as of today" takes it out of
 *                       today's catalogue); null while no end is set
 */
public record CatalogueServiceView(String objectId, int version, String owner, String name,
                                   @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) ServiceKind kind,
                                   String description, List<String> providers, Integer waitingWeeks,
                                   LocalDate effectiveFrom, LocalDate effectiveUntil) implements SharedView {

    public CatalogueServiceView {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /** Whether the service is offered on {@code day}: from its first day, up to (not including) its end. */
    public boolean effectiveOn(LocalDate day) {
        return effectiveFrom != null && !day.isBefore(effectiveFrom)
                && (effectiveUntil == null || day.isBefore(effectiveUntil));
    }
}
