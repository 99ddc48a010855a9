package nl.bronsein.staffclient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The provider's requests for an assignment of youth care ({@code /api/v1/assignment-requests},
 * docs/api/provider-staff.json): cf. iJw 315, answered by the municipality's case (cf. iJw 301).
 */
@HttpExchange("/api/v1/assignment-requests")
public interface AssignmentRequestsApi {

    @PostExchange
    AssignmentRequest request(@RequestBody RequestForm form);

    @GetExchange
    List<AssignmentRequest> list();

    @GetExchange("/{id}")
    AssignmentRequest get(@PathVariable String id);

    /** Another product, before the municipality answered. */
    @PutExchange("/{id}")
    AssignmentRequest correct(@PathVariable String id, @RequestBody Correction correction);

    /** Before the municipality answered. */
    @PostExchange("/{id}/withdraw")
    AssignmentRequest withdraw(@PathVariable String id);

    record Correction(String productCategory) {
    }

    /** Our assignment on the GP's youth referral, the municipality asked (a participant id), the product. */
    record RequestForm(String assignment, String municipality, String productCategory) {
    }

    /** A request as the provider's node shows it; {@code answeredBy} is the municipality's case once it answered. */
    record AssignmentRequest(String id, int version, String status, String assignmentId,
                             AssignmentsApi.Reference referral, String municipality, String productCategory,
                             Instant requestedAt, AssignmentsApi.Reference answeredBy, Instant answeredAt,
                             LocalDate adultOn) {
    }
}
