package nl.bronsein.staffclient;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The service catalogue ({@code /api/v1/catalogue}): every node's directory of the municipalities' services, and a
 * municipality's publication of its own (role {@code CATALOGUE_EDITOR}).
 */
@HttpExchange("/api/v1/catalogue")
public interface CatalogueApi {

    /** The services offered today, or with {@code all} every one the node knows; each filter may be null. */
    @GetExchange
    List<Service> list(@RequestParam(required = false) String municipality, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) Boolean all);

    @PostExchange("/services")
    Service publish(@RequestBody ServiceForm form);

    @GetExchange("/services/{id}")
    Service get(@PathVariable String id);

    @PutExchange("/services/{id}")
    Service correct(@PathVariable String id, @RequestBody ServiceForm form);

    /** No longer offered from {@code effectiveUntil}; from today when it is null. */
    @PostExchange("/services/{id}/retire")
    Service retire(@PathVariable String id, @RequestBody Retirement retirement);

    /** @param kind WMO_PRODUCT, YOUTH_PRODUCT or GENERAL_PROVISION */
    record ServiceForm(String name, String kind, String description, List<String> providers, Integer waitingWeeks,
                       LocalDate effectiveFrom, LocalDate effectiveUntil) {
    }

    record Retirement(LocalDate effectiveUntil) {
    }

    /** @param effectiveUntil exclusive: the first day it is no longer offered */
    record Service(String objectId, int version, String owner, String name, String kind, String description,
                   List<String> providers, Integer waitingWeeks, LocalDate effectiveFrom, LocalDate effectiveUntil) {
    }
}
