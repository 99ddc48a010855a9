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
 * The provider's assignments ({@code /api/v1/assignments}, docs/api/provider-staff.json). An assignment's detail, with
 * the pulled basis and referral, is left as JSON.
 */
@HttpExchange("/api/v1/assignments")
public interface AssignmentsApi {

    @GetExchange
    List<Assignment> list();

    /** {@code assignment}, {@code basis} and {@code referral}: the pulled copies. */
    @GetExchange("/{id}")
    JsonNode get(@PathVariable String id);

    @PostExchange("/{id}/accept")
    Assignment accept(@PathVariable String id);

    @PostExchange("/{id}/decline")
    Assignment decline(@PathVariable String id, @RequestBody Decline decline);

    @PostExchange("/{id}/start-care")
    Assignment startCare(@PathVariable String id);

    @PostExchange("/{id}/end-care")
    Assignment endCare(@PathVariable String id, @RequestBody EndCare endCare);

    record Decline(String reason) {
    }

    /** The reason is optional. */
    record EndCare(String reason) {
    }

    /**
     * An object at its owner, as the node's views name it ({@code ObjectReferenceView}): what an assignment rests on
     * (a municipality's case or a GP's direct referral), or the referral behind it.
     */
    record Reference(String owner, String objectType, String objectId) {
    }

    /** An assignment as the provider's node shows it. */
    record Assignment(String id, int version, String status, Reference basis, Reference referral,
                      String productCategory, boolean basisWithdrawn, Instant offeredAt, Instant acceptedAt,
                      Instant careStartedAt, Instant careEndedAt) {
    }
}
