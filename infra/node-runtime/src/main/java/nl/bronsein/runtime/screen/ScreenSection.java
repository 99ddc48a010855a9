package nl.bronsein.runtime.screen;

import java.util.Set;

import org.springframework.security.core.Authentication;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.staff.StaffRole;

/**
 * One entry of the staff pages' menu, named by the feature that serves it ({@link ScreenMenuEntry}) (the runtime's contact points,
 * a node's referrals, worklist or assignments). Shown only to staff with one of its roles; empty roles is everyone
 * signed in.
 *
 * @param title the menu text, in Dutch
 * @param path  the page, under {@code /app/}
 * @param order where in the menu; lower first
 */
@NodeApi
public record ScreenSection(String title, String path, Set<StaffRole> roles, int order) {

    public ScreenSection {
        if (!path.startsWith(ScreenPaths.APP)) {
            throw new IllegalArgumentException("a staff page lives under " + ScreenPaths.APP + ": " + path);
        }
        roles = Set.copyOf(roles);
    }

    public boolean shownTo(Authentication who) {
        return roles.isEmpty() || who.getAuthorities().stream()
                .anyMatch(granted -> roles.stream().anyMatch(role -> granted.getAuthority().equals("ROLE_" + role.name())));
    }
}
