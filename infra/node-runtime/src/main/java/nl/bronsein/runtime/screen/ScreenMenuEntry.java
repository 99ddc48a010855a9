package nl.bronsein.runtime.screen;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A {@link StaffScreen} controller that has an entry in the pages' menu: the feature that serves the page names it, so
 * no list of pages is kept anywhere else.
 */
@NodeApi
public interface ScreenMenuEntry {

    ScreenSection section();

    /** Whether this node offers the page at all (a provider has no desk for citizens' questions): if not, no entry. */
    default boolean offered() {
        return true;
    }
}
