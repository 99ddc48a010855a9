package nl.bronsein.runtime.rebuild;

import java.time.Instant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import nl.bronsein.runtime.domain.InvalidRequestException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The node's own administration, on the staff port: {@code POST /api/v1/admin/rewind} with {@code {"from": "<instant>"}}
 * to handle the topics again from a moment, {@code {}} for the beginning, and {@code "rebuild": true} to forget and
 * rebuild everything the node derived from others. For integration testers and recovery; the node keeps running.
 */
@Tag(name = "Administration", description = "The node's own administration: handle the topics again, rebuild what "
        + "it derived from others.")
@RestController
public class RewindController {

    private final Rewind rewind;

    public RewindController(Rewind rewind) {
        this.rewind = rewind;
    }

    public record RewindRequest(Instant from, Boolean rebuild) {
    }

    @Operation(summary = "Rewind the node in its topics", description = "Handles the topics again from a moment "
            + "(from), or from the beginning ({}); with rebuild true it first forgets everything derived from others "
            + "(pulled copies, timelines). The node keeps running.")
    @PreAuthorize("hasRole('NODE_ADMIN')")
    @PostMapping("/api/v1/admin/rewind")
    public Rewind.Result rewind(@RequestBody RewindRequest request) {
        // Kafka finds offsets by time from 1970 on; an earlier moment is no time to it (its negative "timestamps" are
        // codes), and asking it failed the rewind with a 500 after the node had stopped reading
        if (request.from() != null && request.from().isBefore(Instant.EPOCH)) {
            throw new InvalidRequestException("from", "must be at or after 1970-01-01T00:00:00Z");
        }
        return rewind.rewind(request.from(), Boolean.TRUE.equals(request.rebuild()));
    }
}
