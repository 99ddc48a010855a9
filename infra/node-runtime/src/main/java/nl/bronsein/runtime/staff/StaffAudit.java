package nl.bronsein.runtime.staff;

import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;

/**
 * Staff reads of personal data are audited like pulls (naleving): who (the token's subject), which object, in which
 * role. The subject is the staff member's identifier at the identity provider, never the citizen's.
 */
@NodeApi
public class StaffAudit {

    private final AuditTrail audit;

    public StaffAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** The staff member whose request this thread handles, as the processing log names them: {@code staff:<subject>}. */
    public static Optional<String> actor() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who instanceof JwtAuthenticationToken token ? Optional.of("staff:" + token.getToken().getSubject())
                : Optional.empty();
    }

    public void read(String objectType, String objectId) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String caller = actor().orElse("staff:unknown");
        // the staff member's roles only, not the authentication factors Spring Security adds (e.g. FACTOR_BEARER)
        String roles = who == null ? "" : who.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .sorted().collect(Collectors.joining(","));
        audit.record(caller, objectType, objectId, "staff:" + roles, AuditOutcome.ALLOWED, "staff read");
    }
}
