package nl.bronsein.runtime.catalogue;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.idempotency.Idempotent;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ServiceKind;

/**
 * The staff API for the service catalogue (sociale kaart): every node reads the directory of the municipalities'
 * services; a municipality publishes, corrects and retires its own.
 */
@Tag(name = "Service catalogue", description = "The municipalities' services (Wmo and youth products, general "
        + "provisions) with their contracted providers and an indicative waiting time, published to every participant; "
        + "a municipality's node also keeps its own.")
@RestController
@RequestMapping("/api/v1/catalogue")
class CatalogueController {

    private final CataloguePublication publication;
    private final ServiceCatalogue catalogue;
    private final CatalogueRepository own;

    CatalogueController(CataloguePublication publication, ServiceCatalogue catalogue, CatalogueRepository own) {
        this.publication = publication;
        this.catalogue = catalogue;
        this.own = own;
    }

    /** Retiring a service: the first day it is no longer offered, absent for today. */
    record ServiceRetirement(LocalDate effectiveUntil) {
    }

    @Operation(summary = "The service catalogue", description = "Every catalogue service this node knows, its own "
            + "and those pulled from the municipalities; by default only those offered today.")
    @GetMapping
    public List<CatalogueServiceView> list(
            @Parameter(description = "only this municipality's services (its participant URN)")
            @RequestParam(required = false) String municipality,
            @Parameter(description = "only services of this kind") @RequestParam(required = false) ServiceKind kind,
            @Parameter(description = "also services not offered today: ended, retired or not yet started")
            @RequestParam(defaultValue = "false") boolean all) {
        return catalogue.list(municipality, kind, all ? null : catalogue.today());
    }

    @Operation(summary = "Publish a catalogue service", description = "A new service of this municipality, "
            + "notified to every participant. Only a municipality's node publishes one.")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CATALOGUE_EDITOR')")
    @Idempotent
    @PostMapping("/services")
    public ResponseEntity<CatalogueServiceView> publish(@Validated @RequestBody CatalogueServiceForm form) {
        CatalogueService published = publication.publish(form.details());
        return ResponseEntity.created(URI.create("/api/v1/catalogue/services/" + published.id()))
                .body(published.view());
    }

    @Operation(summary = "Get one of this municipality's catalogue services", description = "As published last, "
            + "offered today or not.")
    @GetMapping("/services/{id}")
    public CatalogueServiceView get(@PathVariable UUID id) {
        return own.find(id).map(CatalogueService::view)
                .orElseThrow(() -> new NotFoundException("no such catalogue service"));
    }

    @Operation(summary = "Correct a catalogue service", description = "Every detail as it should read now: the next "
            + "version, notified to every participant.")
    @PreAuthorize("hasRole('CATALOGUE_EDITOR')")
    @PutMapping("/services/{id}")
    public CatalogueServiceView correct(@PathVariable UUID id, @Validated @RequestBody CatalogueServiceForm form) {
        return publication.correct(id, form.details()).view();
    }

    @Operation(summary = "Retire a catalogue service", description = "No longer offered from effectiveUntil (default "
            + "today); the service stays in the catalogue with its end, as referrals and cases name it.")
    @PreAuthorize("hasRole('CATALOGUE_EDITOR')")
    @PostMapping("/services/{id}/retire")
    public CatalogueServiceView retire(@PathVariable UUID id,
                                       @RequestBody(required = false) ServiceRetirement retirement) {
        return publication.retire(id, retirement == null ? null : retirement.effectiveUntil()).view();
    }
}
