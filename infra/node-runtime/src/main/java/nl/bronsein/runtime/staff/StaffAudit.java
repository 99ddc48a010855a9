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
        if (who instanceof JwtAuthenticationToken token) {
            return Optional.of("staff:" + token.getToken().getSubject()); // the staff API's bearer token
        }
        if (who instanceof org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken signedIn) {
            return Optional.of("staff:" + signedIn.getName()); // signed in on the staff pages: the ID token's sub
        }
        return Optional.empty();
    }

    public void read(String objectType, String objectId) {
        audit.record(new Processing(Processing.STAFF_READ, actor().orElse("staff:unknown"), objectType, objectId,
                "staff:" + roles(), AuditOutcome.ALLOWED, "staff read", null, subject(objectType, objectId), null));
    }

    /**
     * A read of the processing log is itself a processing: recorded, before the answer, with who read in which role, and
     * with the citizen the reader looked up ({@code subjectBsn}, pseudonymised like every subject), so that the citizen
     * can learn who looked them up. A read whose record cannot be written is not answered.
     */
    public void logRead(String reason, Optional<String> subjectBsn) {
        audit.record(new Processing(Processing.LOG_READ, actor().orElse("staff:unknown"), null, null,
                "staff:" + roles(), AuditOutcome.ALLOWED, reason, null, subjectBsn, null));
    }

    /** The staff member's roles only, not the authentication factors Spring Security adds (e.g. FACTOR_BEARER). */
    private static String roles() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null ? "" : who.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .sorted().collect(Collectors.joining(","));
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
