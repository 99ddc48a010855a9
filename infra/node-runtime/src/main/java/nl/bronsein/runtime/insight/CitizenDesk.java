package nl.bronsein.runtime.insight;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * Who makes a citizen's access report here: the desk where citizens come with their question — at a GP practice its
 * GPs and assistants, at a municipality its intake officers (Wmo-loket). Role names are the network's, not the node
 * type's: a token with INTAKE_OFFICER is no desk at a GP practice. A provider has no desk for it.
 */
final class CitizenDesk {

    private final Set<StaffRole> roles;

    CitizenDesk(NodeIdentity identity) {
        ParticipantRole role = identity.participant().role();
        this.roles = switch (role) {
            case GP_PRACTICE -> Set.of(StaffRole.GP, StaffRole.PRACTICE_ASSISTANT);
            case MUNICIPALITY -> Set.of(StaffRole.INTAKE_OFFICER);
            case PROVIDER -> Set.of();
        };
    }

    /** The roles of this node's desk; none at a provider. */
    Set<StaffRole> roles() {
        return roles;
    }

    /** Whether the staff member is this node's desk. */
    public boolean serves(Authentication who) {
        return who != null && who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(granted -> roles.stream().anyMatch(role -> granted.equals("ROLE_" + role.name())));
    }
}
