package nl.bronsein.runtime.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;

/**
 * Every request on the network door that got past the TLS handshake is exactly one audit row, whatever became of it.
 * Whoever decides a request records it here ({@link #record}): the pull and the history before they serve anything,
 * the door filter for an unknown caller, the firewall for a path trick. A request nobody recorded — refused before any
 * of them: by Tomcat itself (a header too large, bytes that are no URI), by {@link RequestLimits}, by Spring MVC (405,
 * 406, 415, a parameter of the wrong type), at a path nothing serves — is recorded when Tomcat has answered it, by an
 * engine valve that sees every request of both connectors, the error dispatch included: one request, one row. Before,
 * 45 of 95 such requests at the GP left no row (issue 15).
 *
 * <p>A row names the caller its certificate proves (a participant's URN, {@code unlisted:<sha256>}, or
 * {@code anonymous}), the status, and of the path only what is no free text: a known object type and an object id in
 * its one spelling ({@link ObjectIds}). The rest of a path is the caller's to choose and may hold anything.
 */
public class DoorAudit implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(DoorAudit.class);
    private static final String AUDITED = DoorAudit.class.getName() + ".audited";
    private static final String STARTED = DoorAudit.class.getName() + ".started";
    private static final String OBJECTS = "/network/v1/objects/";
    /** The object type the history's rows name (it is no shared object type). */
    public static final String HISTORY = "notification-history";
    private static final String HISTORY_PATH = "/network/v1/notifications";

    private final AuditTrail audit;
    private final Connectors connectors;
    private final ParticipantList participants;
    private final Clock clock;

    public DoorAudit(AuditTrail audit, Connectors connectors, ParticipantList participants, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.connectors = connectors;
        this.participants = participants;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(new Remainder());
    }

    /**
     * The request's one row, written now: before anything is served. A request already recorded is not recorded again.
     */
    public void record(HttpServletRequest request, int status, String objectType, String objectId, String purpose,
                       AuditOutcome outcome, String reason) {
        record(request, status, objectType, objectId, purpose, outcome, reason, Optional.empty());
    }

    /**
     * As {@link #record(HttpServletRequest, int, String, String, String, AuditOutcome, String)}, for a request about
     * one citizen's data (a pull of an object that exists here, allowed or refused).
     */
    public void record(HttpServletRequest request, int status, String objectType, String objectId, String purpose,
                       AuditOutcome outcome, String reason, Optional<String> subjectBsn) {
        if (request.getAttribute(AUDITED) != null) {
            return;
        }
        request.setAttribute(AUDITED, Boolean.TRUE);
        Processing processing = new Processing(name(objectType), caller(request), objectType, objectId, purpose,
                outcome, reason, status, subjectBsn, started(request));
        audit.record(processing);
    }

    /** What the request was, as LDV's name of the action. */
    private static String name(String objectType) {
        return HISTORY.equals(objectType) ? Processing.NOTIFICATION_HISTORY
                : objectType != null ? Processing.PULL : Processing.NETWORK_REQUEST;
    }

    /** When the engine began to handle the request ({@link Remainder} marks it): the start of the action. */
    private static Instant started(HttpServletRequest request) {
        return request.getAttribute(STARTED) instanceof Instant started ? started : null;
    }

    /** The request's one row, naming of its path what {@link #objectType} and {@link #objectId} may. */
    public void record(HttpServletRequest request, int status, String purpose, AuditOutcome outcome, String reason) {
        record(request, status, purpose, outcome, reason, Optional.empty());
    }

    /** As {@link #record(HttpServletRequest, int, String, AuditOutcome, String)}, about one citizen's data. */
    public void record(HttpServletRequest request, int status, String purpose, AuditOutcome outcome, String reason,
                       Optional<String> subjectBsn) {
        String path = DoorFilter.path(request);
        record(request, status, objectType(path), objectId(path), purpose, outcome, reason, subjectBsn);
    }

    /** The object type a network path names, if it is one this network shares; {@value #HISTORY} for the history. */
    static String objectType(String path) {
        if (HISTORY_PATH.equals(path)) {
            return HISTORY;
        }
        String[] parts = objectPath(path);
        return parts.length > 0 ? SharedObjectType.fromCode(parts[0]).map(SharedObjectType::code).orElse(null) : null;
    }

    /** The object id a pull path names, if it is one in its canonical spelling. */
    static String objectId(String path) {
        String[] parts = objectPath(path);
        return parts.length > 1 ? ObjectIds.parse(parts[1]).map(UUID::toString).orElse(null) : null;
    }

    private static String[] objectPath(String path) {
        return path != null && path.startsWith(OBJECTS) ? path.substring(OBJECTS.length()).split("/", -1) : new String[0];
    }

    /** Who the certificate proves the caller to be, also where the door filter never looked (e.g. a path outside). */
    private String caller(HttpServletRequest request) {
        NetworkCaller.Presented presented = NetworkCaller.presented(request);
        return NetworkCaller.identified(request).or(() -> NetworkCaller.identify(presented, participants))
                .map(p -> p.id().urn())
                .or(() -> presented.fingerprint().map(f -> "unlisted:" + f))
                .orElse("anonymous");
    }

    /** The status a request nobody recorded was answered with, as an outcome. */
    static AuditOutcome outcome(int status) {
        if (status < 400) {
            return AuditOutcome.ALLOWED;
        }
        return switch (status) {
            case 401 -> AuditOutcome.UNKNOWN_CALLER;
            case 404 -> AuditOutcome.NO_SUCH_RESOURCE;
            case 405, 406, 415 -> AuditOutcome.UNSUPPORTED_REQUEST;
            default -> status >= 500 ? AuditOutcome.FAILED : AuditOutcome.MALFORMED_REQUEST;
        };
    }

    private void recordRemainder(HttpServletRequest request, int status) {
        if (connectors.isStaffRequest(request) || request.getAttribute(AUDITED) != null) {
            return;
        }
        try {
            String phrase = Optional.ofNullable(HttpStatus.resolve(status)).map(HttpStatus::getReasonPhrase).orElse("");
            // no purpose: reading parameters now might read a form body, and they are the caller's free text anyway
            record(request, status, null, outcome(status), ("answered " + status + " " + phrase).strip());
        } catch (RuntimeException e) {
            log.warn("A request on the network door, answered {}, could not be audited: {}", status,
                    e.getClass().getSimpleName());
        }
    }

    /** Records, once Tomcat has answered it, every request on the network door that nobody else recorded. */
    private final class Remainder extends ValveBase {

        Remainder() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            request.setAttribute(STARTED, clock.instant());
            try {
                getNext().invoke(request, response);
            } finally {
                recordRemainder(request.getRequest(), response.getStatus());
            }
        }
    }
}
