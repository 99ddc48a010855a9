package nl.bronsein.staffclient;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/**
 * The municipality's cases ({@code /api/v1/cases}, docs/api/municipality-staff.json). A case's detail, with the pulled
 * copies of the referral and the assignments, is left as JSON.
 */
@HttpExchange("/api/v1/cases")
public interface CasesApi {

    @GetExchange
    List<Case> list();

    /**
     * {@code current} (a {@link Case}), {@code referral} and {@code assignments}: the pulled copies; {@code
     * catalogueService}: the service of the municipality's catalogue the referral names, or null.
     */
    @GetExchange("/{id}")
    JsonNode get(@PathVariable String id);

    @PostExchange("/{id}/pick-up")
    Case pickUp(@PathVariable String id, @RequestBody PickUp pickUp);

    @PostExchange("/{id}/decide")
    Case decide(@PathVariable String id, @RequestBody Decision decision);

    @PostExchange("/{id}/assign")
    Case assign(@PathVariable String id, @RequestBody Assign assign);

    @PostExchange("/{id}/conclude")
    Case conclude(@PathVariable String id, @RequestBody Conclude conclude);

    @PostExchange("/{id}/return")
    Case returnTo(@PathVariable String id, @RequestBody Return returned);

    @PostExchange("/{id}/close")
    Case close(@PathVariable String id, @RequestBody Close close);

    /** Opgepakt, with the wijkteam's published contact point. */
    record PickUp(String contactPointId) {
    }

    /**
     * Besluit: {@code outcome} GRANTED (with a product category), DECLINED (with a reason) or REDIRECTED (with a
     * general provision).
     */
    record Decision(String outcome, String productCategory, String reason, String generalProvision) {

        public static Decision granted(String productCategory) {
            return new Decision("GRANTED", productCategory, null, null);
        }

        public static Decision declined(String reason) {
            return new Decision("DECLINED", null, reason, null);
        }

        public static Decision redirected(String generalProvision) {
            return new Decision("REDIRECTED", null, null, generalProvision);
        }
    }

    /** Toewijzing: the provider (its participant id) the case is assigned to. */
    record Assign(String provider) {
    }

    record Conclude(String conclusion) {
    }

    /** Returned, naming the citizen's own municipality. */
    record Return(String municipality, String reason) {
    }

    /** Closed without a decision. */
    record Close(String reason) {
    }

    /**
     * A case as the municipality's node shows it.
     *
     * @param requestedBy the youth-care provider whose request for an assignment the case answers (Jeugdwet), and
     *                    {@code requestId} that request; both null for a case on a referral addressed to us
     */
    record Case(String id, int version, String status, String referralId, String referralOwner,
                String contactPointId, String assignedProvider, Instant receivedAt, Instant pickedUpAt,
                Instant assignedAt, Instant concludedAt, String requestedBy, String requestId) {
    }
}
