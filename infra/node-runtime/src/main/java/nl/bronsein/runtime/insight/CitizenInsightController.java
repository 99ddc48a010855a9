package nl.bronsein.runtime.insight;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import nl.bronsein.runtime.domain.Bsn;

/**
 * The desk's view for a citizen who asks who accessed their data. The BSN travels in the body, never in a URL.
 */
@Tag(name = "Citizen access", description = "Who accessed a citizen's data across the network, on the citizen's request.")
@RestController
@RequestMapping("/api/v1/citizen-access")
class CitizenInsightController {

    private final CitizenInsight insight;
    private final CitizenDesk desk;

    CitizenInsightController(CitizenInsight insight, CitizenDesk desk) {
        this.insight = insight;
        this.desk = desk;
    }

    /** @param bsn the citizen's BSN, as the desk verified it from their identity document */
    record CitizenAccessRequest(@NotBlank @Bsn String bsn) {
    }

    @Operation(summary = "A citizen's access report", description = "Every access to the citizen's data recorded at "
            + "this node, and at every owner of a related object this node knows (pulled there for citizen-insight), "
            + "in words for the citizen. The report itself is recorded as a processing of the citizen's data.")
    // the desk roles of every node type; the node's own type narrows them (CitizenDesk)
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT', 'INTAKE_OFFICER')")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    CitizenAccessReport report(@Valid @RequestBody CitizenAccessRequest request, Authentication who) {
        if (!desk.serves(who)) {
            throw new AccessDeniedException("not this node's desk for citizens' questions");
        }
        return insight.reportFor(request.bsn());
    }
}
