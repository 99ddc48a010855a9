package nl.bronsein.runtime.staff;

import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;

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
        audit.record(actor().orElse("staff:unknown"), objectType, objectId, "staff:" + roles(), AuditOutcome.ALLOWED,
                "staff read");
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
}
