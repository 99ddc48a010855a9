package nl.bronsein.runtime.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.audit.AuditOutcome;

/**
 * Requests that Spring Security's firewall refuses before any endpoint sees them: path parameters ({@code ;…}),
 * encoded separators, unacceptable headers. Its default answer is an error dispatch, which the staff door then turns
 * into a 401 about staff tokens, and on the network door nothing is audited. Here the answer is a plain 400 problem,
 * and on the network door an audit row ({@link AuditOutcome#MALFORMED_REQUEST}) naming the caller its certificate
 * proved: a participant trying a path trick is on record like any other refused pull.
 */
class RejectedRequests implements RequestRejectedHandler {

    private final Connectors connectors;
    private final DoorAudit audit;

    public RejectedRequests(Connectors connectors, DoorAudit audit) {
        this.connectors = connectors;
        this.audit = audit;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!connectors.isStaffRequest(request)) {
            // the firewall's message may quote what the caller sent; the row keeps to a fixed reason
            audit.record(request, HttpStatus.BAD_REQUEST.value(), request.getParameter("purpose"),
                    AuditOutcome.MALFORMED_REQUEST, "request refused by the firewall");
        }
        DoorFilter.problem(response, HttpStatus.BAD_REQUEST, "Bad request", "the request is not well-formed");
    }
}
