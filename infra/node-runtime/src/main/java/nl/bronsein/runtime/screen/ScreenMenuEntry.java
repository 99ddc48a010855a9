package nl.bronsein.runtime.screen;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A {@link StaffScreen} controller that has an entry in the pages' menu: the feature that serves the page names it, so
 * no list of pages is kept anywhere else.
 */
@NodeApi
public interface ScreenMenuEntry {

    ScreenSection section();
}
