package nl.bronsein.runtime.catalogue;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.bronsein.schemas.view.ServiceKind;

/**
 * A catalogue service as the staff API takes it, to publish or to correct. The bounds are the columns' of
 * {@code catalogue_service}; that the providers are listed providers and the end follows the start is checked by the
 * publication, which knows the participant list.
 *
 * @param providers      participant URNs of the contracted providers (none for a general provision without contracts)
 * @param waitingWeeks   indicative, in weeks; absent when none is given
 * @param effectiveUntil exclusive: the first day it is no longer offered; absent while no end is set
 */
public record CatalogueServiceForm(
        @NotBlank @Size(max = 200) String name,
        @NotNull ServiceKind kind,
        @Size(max = 1000) String description,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 100) String> providers,
        @Min(0) @Max(520) Integer waitingWeeks,
        @NotNull LocalDate effectiveFrom,
        LocalDate effectiveUntil) {

    CatalogueService.Details details() {
        return new CatalogueService.Details(name, kind, description, providers, waitingWeeks, effectiveFrom,
                effectiveUntil);
    }
}
