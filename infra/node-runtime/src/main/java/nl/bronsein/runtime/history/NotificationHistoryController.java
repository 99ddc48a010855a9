package nl.bronsein.runtime.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.cloudevents.jackson.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.web.DoorAudit;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Missed notifications, on the network port: {@code GET /network/v1/notifications?afterSequence=N[&since=…][&limit=…]}
 * serves what this node sent the caller, from its outbox, oldest first, as CloudEvents in the JSON event format (the
 * body as {@code data_base64}), numbered in the caller's own sequence — the same {@code ce_sequence} its inbox topic
 * carried, so a gap there is a gap here. Like a pull it is authorised and audited: the caller is who its certificate
 * says, and sees only what was addressed to it; a request it refuses (a parameter out of range) is audited by
 * {@link DoorAudit} once answered. A consumer that saw a gap in the sequence, or was away longer than a topic keeps its
 * records, catches up here. Generic notifications (contact points) are not in it: their compacted topic keeps the
 * latest of every object.
 */
@Tag(name = "Notification history", description = "The node's own notifications, for a participant that missed some.")
@RestController
class NotificationHistoryController {

    static final String PATH = "/network/v1/notifications";
    private static final int MAX_LIMIT = 500;
    private static final Instant EARLIEST_SINCE = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST_SINCE = Instant.parse("9999-12-31T23:59:59Z");

    private final OutboxRepository outbox;
    private final NodeIdentity identity;
    private final DoorAudit audit;
    private final JsonMapper json;
    private final JsonFormat format = new JsonFormat();

    public NotificationHistoryController(OutboxRepository outbox, NodeIdentity identity, DoorAudit audit, JsonMapper json) {
        this.outbox = outbox;
        this.identity = identity;
        this.audit = audit;
        this.json = json;
    }

    /**
     * One page of the history, typed so that the OpenAPI document describes it.
     *
     * @param source            this node's participant id, the source of every notification in it
     * @param notifications     what this node sent the caller, as CloudEvents in the JSON format
     * @param nextAfterSequence the afterSequence to ask for next: everything up to it was served
     * @param more              whether the scan stopped at the limit, so that there may be more
     */
    public record NotificationHistoryPage(String source,
                                          @ArraySchema(schema = @Schema(description = "a CloudEvent in the JSON event "
                                                  + "format: id, source, type, subject, time, dataref, sequence, "
                                                  + "traceparent, data_base64")) List<ObjectNode> notifications,
                                          long nextAfterSequence, boolean more) {
    }

    @Operation(summary = "Notifications this node published", description = "This node's notifications after a "
            + "sequence number of the caller's own numbering, oldest first, as CloudEvents in the JSON event format (the "
            + "Avro body as data_base64): only what was addressed to the caller. Page on with nextAfterSequence while more "
            + "is true. Audited like a pull.")
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<NotificationHistoryPage> history(
            @Parameter(description = "the last sequence number the caller has; 0 for the beginning")
            @RequestParam(defaultValue = "0") long afterSequence,
            @Parameter(description = "only notifications from this moment on")
            @RequestParam(required = false) Instant since,
            @Parameter(description = "how many notifications to return, 1 to 500")
            @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest request) {
        Participant caller = NetworkCaller.of(request);
        if (afterSequence < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException(List.of(afterSequence < 0
                    ? new FieldProblem("afterSequence", "must be 0 or more")
                    : new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        // An Instant reaches a billion years either way; PostgreSQL's timestamp does not, and answered such a moment
        // with a 500 (found by HostileHttpInputTest: since=-999999999-01-01T00:00:00Z).
        if (since != null && (since.isBefore(EARLIEST_SINCE) || since.isAfter(LATEST_SINCE))) {
            throw new InvalidRequestException("since", "must be a moment between " + EARLIEST_SINCE + " and "
                    + LATEST_SINCE);
        }
        List<OutboxEntry> sent = outbox.findSentTo(caller.id().urn(), afterSequence, since, limit);
        List<ObjectNode> notifications = new ArrayList<>();
        for (OutboxEntry entry : sent) {
            notifications.add((ObjectNode) json.readTree(format.serialize(
                    NotificationEnvelope.toCloudEvent(entry, identity.id().urn()))));
        }
        long next = sent.isEmpty() ? afterSequence : sent.get(sent.size() - 1).recipientSequence();
        audit.record(request, HttpStatus.OK.value(), DoorAudit.HISTORY, "after-" + afterSequence, "missed-notifications",
                AuditOutcome.ALLOWED, notifications.size() + " sent to the caller");
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(new NotificationHistoryPage(
                identity.id().urn(), notifications, next, sent.size() == limit));
    }
}
