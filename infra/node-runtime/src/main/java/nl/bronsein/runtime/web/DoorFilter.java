package nl.bronsein.runtime.web;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;

/**
 * Keeps each API behind its own door. On the network connector only {@code /network/**} exists, and only for a
 * caller whose certificate the participant list pins (else 401, audited); on the staff connector only
 * {@code /api/**}, {@code /actuator/**} and, when the node signs staff in, the staff pages ({@link StaffDoorPaths}) exist. Anything else is 404, so neither door reveals the other. Every
 * request on the network door is one audit row ({@link DoorAudit}): the 404 too, once answered.
 */
public class DoorFilter extends OncePerRequestFilter {

    private final Connectors connectors;
    private final ParticipantList participants;
    private final DoorAudit audit;
    private final StaffDoorPaths otherStaffPaths;

    /** @param otherStaffPaths what else the staff door serves: the staff pages, when the node has them */
    public DoorFilter(Connectors connectors, ParticipantList participants, DoorAudit audit, StaffDoorPaths otherStaffPaths) {
        this.connectors = connectors;
        this.participants = participants;
        this.audit = audit;
        this.otherStaffPaths = otherStaffPaths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (connectors.isStaffRequest(request)) {
            if (path.startsWith("/api/") || path.startsWith("/actuator") || otherStaffPaths.serves(path)) {
                chain.doFilter(request, response);
                problemForBodilessError(response);
            } else {
                problem(response, HttpStatus.NOT_FOUND, "Not found", "no such resource");
            }
            return;
        }
        if (!path.startsWith("/network/")) {
            problem(response, HttpStatus.NOT_FOUND, "Not found", "no such resource");
            return;
        }
        NetworkCaller.Presented presented = NetworkCaller.presented(request);
        Optional<Participant> caller = NetworkCaller.identify(presented, participants);
        if (caller.isEmpty()) {
            audit.record(request, HttpStatus.UNAUTHORIZED.value(), request.getParameter("purpose"),
                    AuditOutcome.UNKNOWN_CALLER, "certificate not in the participant list");
            problem(response, HttpStatus.UNAUTHORIZED, "Unknown participant",
                    "the client certificate does not identify a listed participant");
            return;
        }
        NetworkCaller.remember(request, caller.get());
        chain.doFilter(request, response);
        problemForBodilessError(response);
    }

    /** An error answered without a body (e.g. the actuator's 404 for an unknown health component) gets a problem body. */
    private static void problemForBodilessError(HttpServletResponse response) throws IOException {
        if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentType() == null) {
            ProblemWriter.write(response, response.getStatus(), "no such resource or not possible here");
        }
    }

    /**
     * The path as the container normalised and mapped it, not the raw URI: "/network/../api/…" is the staff API. Empty
     * for a request Tomcat refused before mapping it.
     */
    static String path(HttpServletRequest request) {
        return Objects.toString(request.getServletPath(), "") + Objects.toString(request.getPathInfo(), "");
    }

    static void problem(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemWriter.write(response, status.value(), title, detail);
    }
}
