package nl.bronsein.runtime.catalogue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ServiceKind;

/**
 * Every catalogue service this node knows, by reference (owner municipality, service id): its own from its registration
 * (a municipality's), others' as it pulled them. What a GP checks a referral's named service against, and what a
 * municipality's case resolves its service from.
 */
@NodeApi
public class ServiceCatalogue {

    /** The network's services are offered by Dutch municipalities: "today" is a day in the Netherlands. */
    static final ZoneId NETWORK_ZONE = ZoneId.of("Europe/Amsterdam");

    private final CatalogueRepository own;
    private final PulledCopies copies;
    private final NodeIdentity identity;
    private final Clock clock;

    ServiceCatalogue(CatalogueRepository own, PulledCopies copies, NodeIdentity identity, Clock clock) {
        this.own = own;
        this.copies = copies;
        this.identity = identity;
        this.clock = clock;
    }

    /** The service as its owner published it last (as far as this node knows), effective or not. */
    public Optional<CatalogueServiceView> find(String owner, String serviceId) {
        if (identity.id().urn().equals(owner)) {
            return ObjectIds.parse(serviceId).flatMap(own::find).map(CatalogueService::view);
        }
        return copies.find(owner, SharedObjectType.SERVICE, serviceId, CatalogueServiceView.class)
                .filter(copy -> !copy.withdrawn() && copy.content() != null).map(PulledCopy::content);
    }

    /**
     * The service of this node's own catalogue a referral names, as it stands now; empty when the referral (null once
     * withdrawn) names none, or names another owner's: a municipality shows the services it offers, not what it
     * merely heard of.
     */
    public Optional<CatalogueServiceView> namedIn(ReferralIntakeView referral) {
        if (referral == null || referral.catalogueService() == null
                || !SharedObjectType.SERVICE.code().equals(referral.catalogueService().objectType())
                || !identity.id().urn().equals(referral.catalogueService().owner())) {
            return Optional.empty();
        }
        return find(referral.catalogueService().owner(), referral.catalogueService().objectId());
    }

    /** Today's date in the network's zone: the day a service must be offered on to be named in a referral. */
    public LocalDate today() {
        return today(clock);
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(NETWORK_ZONE));
    }

    /**
     * This node's own services first (oldest first), then others' by owner and id.
     *
     * @param owner  only this municipality's; null for every one
     * @param kind   only of this kind; null for every kind
     * @param onDay  only those offered on this day; null for every service, ended or not yet started
     */
    public List<CatalogueServiceView> list(String owner, ServiceKind kind, LocalDate onDay) {
        List<CatalogueServiceView> all = new ArrayList<>();
        own.findAll().forEach(service -> all.add(service.view()));
        copies.current(SharedObjectType.SERVICE, CatalogueServiceView.class, identity.id().urn())
                .forEach(copy -> all.add(copy.content()));
        return all.stream()
                .filter(s -> owner == null || owner.equals(s.owner()))
                .filter(s -> kind == null || kind == s.kind())
                .filter(s -> onDay == null || s.effectiveOn(onDay))
                .toList();
    }
}
