package nl.bronsein.runtime.staff;

import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;

/**
 * Staff reads of personal data are audited like pulls (naleving): who (the token's subject), which object, in which
 * role. The token's subject is the staff member's identifier at the identity provider, never the citizen's; the
 * citizen the object is about is named as the processing log names data subjects (pseudonymised), from the node's own
 * source of that object type, so the citizen can learn which staff member read their data.
 */
@NodeApi
public class StaffAudit {

    private final AuditTrail audit;
    private final ObjectProvider<SharedObjectSource> sources;

    public StaffAudit(AuditTrail audit, ObjectProvider<SharedObjectSource> sources) {
        this.audit = audit;
        this.sources = sources;
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
        audit.record(new Processing(Processing.STAFF_READ, caller, objectType, objectId, "staff:" + roles,
                AuditOutcome.ALLOWED, "staff read", null, subject(objectType, objectId), null));
    }

    private Optional<String> subject(String objectType, String objectId) {
        Optional<UUID> id = ObjectIds.parse(objectId);
        if (id.isEmpty()) {
            return Optional.empty(); // a list: no one citizen
        }
        return sources.orderedStream().filter(s -> s.objectType().code().equals(objectType)).findFirst()
                .flatMap(s -> s.find(id.get())).flatMap(SharedObject::dataSubject);
    }
}
