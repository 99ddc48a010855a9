package nl.bronsein.runtime.pull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import nl.bronsein.runtime.ObjectIds;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.operations.RuntimeMetrics;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.Participant;

/**
 * The pull API on the network port: {@code GET /network/v1/objects/{type}/{id}?purpose=…}. The caller is the
 * participant its client certificate identifies; the policy decides; every attempt is one audit row.
 */
@RestController
public class PullController {

    private final Map<String, SharedObjectSource> sources;
    private final PullPolicy policy;
    private final AuditTrail audit;
    private final RuntimeMetrics metrics;
    private final Set<String> purposes;

    public PullController(List<SharedObjectSource> sources, PullPolicy policy, AuditTrail audit, RuntimeMetrics metrics) {
        this.sources = sources.stream().collect(java.util.stream.Collectors.toMap(s -> s.objectType().code(), s -> s));
        this.policy = policy;
        this.audit = audit;
        this.metrics = metrics;
        this.purposes = policy.rules().stream().map(PullRule::purpose).collect(java.util.stream.Collectors.toSet());
    }

    @GetMapping(path = "/network/v1/objects/{objectType}/{objectId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> pull(@PathVariable String objectType, @PathVariable String objectId,
                                       @RequestParam(required = false) String purpose, HttpServletRequest request) {
        Participant caller = NetworkCaller.of(request);
        SharedObjectSource source = sources.get(objectType);
        Optional<SharedObject> object = source == null ? Optional.empty() : ObjectIds.parse(objectId).flatMap(source::find);
        PullDecision decision = policy.decide(caller, objectType, object, purpose);
        if (decision instanceof PullDecision.Refused refused) {
            audit.record(caller.id().urn(), objectType, objectId, purpose, refused.outcome(), refused.reason());
            countServed(objectType, purpose, refused.outcome());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.reason());
            problem.setTitle(refused.status() == HttpStatus.NOT_FOUND ? "Not found" : "Pull refused");
            return ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        String view = ((PullDecision.Allowed) decision).view();
        Object body = object.get().view(view, caller);
        audit.record(caller.id().urn(), objectType, objectId, purpose, AuditOutcome.ALLOWED, "view " + view);
        countServed(objectType, purpose, AuditOutcome.ALLOWED);
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    /** Tags only from what this node knows — a caller's made-up type or purpose must not create meters. */
    private void countServed(String objectType, String purpose, AuditOutcome outcome) {
        metrics.pullServed(sources.containsKey(objectType) ? objectType : "unknown",
                purpose == null || purpose.isBlank() ? "none" : purposes.contains(purpose) ? purpose : "other",
                outcome.name());
    }
}
