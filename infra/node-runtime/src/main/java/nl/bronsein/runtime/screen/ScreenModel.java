package nl.bronsein.runtime.screen;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * What every staff page shows around its content: whose node this is, who is signed in, and the menu entries their roles
 * open. Only for {@link StaffScreen} controllers: the staff API's requests pay nothing for it.
 */
@ControllerAdvice(annotations = StaffScreen.class)
class ScreenModel {

    private final NodeIdentity identity;
    private final ObjectProvider<ScreenMenuEntry> sections;

    ScreenModel(NodeIdentity identity, ObjectProvider<ScreenMenuEntry> sections) {
        this.identity = identity;
        this.sections = sections;
    }

    @ModelAttribute("organisation")
    String organisation() {
        return identity.participant().name();
    }

    @ModelAttribute("nodeKind")
    String nodeKind() {
        return kind(identity.role());
    }

    @ModelAttribute("staffName")
    String staffName(Authentication who) {
        if (who != null && who.getPrincipal() instanceof OidcUser user) {
            return user.getFullName() != null ? user.getFullName() : user.getSubject();
        }
        return who == null ? "" : who.getName();
    }

    @ModelAttribute("sections")
    List<ScreenSection> sections(Authentication who) {
        if (who == null) {
            return List.of();
        }
        return sections.orderedStream().filter(ScreenMenuEntry::offered).map(ScreenMenuEntry::section).filter(section -> section.shownTo(who))
                .sorted(Comparator.comparingInt(ScreenSection::order)).toList();
    }

    /** The kind of organisation, as its staff call it. */
    static String kind(ParticipantRole role) {
        return switch (role) {
            case GP_PRACTICE -> "huisartsenpraktijk";
            case MUNICIPALITY -> "gemeente";
            case PROVIDER -> "zorgaanbieder";
        };
    }
}
