package nl.bronsein.runtime.catalogue;

import nl.bronsein.runtime.pull.PublishedObjectSource;
import nl.bronsein.schemas.SharedObjectType;

/**
 * This municipality's catalogue services as the pull server offers them (view {@code catalogue}): published to
 * everyone like a contact point, as a service holds no personal data.
 */
class CatalogueSource extends PublishedObjectSource {

    static final String VIEW = "catalogue";

    CatalogueSource(CatalogueRepository services) {
        super(SharedObjectType.SERVICE, VIEW, id -> services.find(id).map(CatalogueService::view));
    }
}
