package nl.bronsein.runtime.contactpoint;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import nl.bronsein.runtime.idempotency.Idempotent;
import nl.bronsein.runtime.domain.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The staff API for contact points: publish and change this node's own, and read the directory of every contact point
 * this node knows.
 */
@Tag(name = "Contact points", description = "The node's own function-level contact points (a desk, a team), "
        + "published to every participant, and the directory of every participant's contact points this node knows.")
@RestController
@RequestMapping("/api/v1/contact-points")
class ContactPointController {

    private final ContactPointService service;
    private final ContactPointRepository contactPoints;
    private final ContactPointDirectory directory;
    private final Clock clock;

    public ContactPointController(ContactPointService service, ContactPointRepository contactPoints,
                                  ContactPointDirectory directory, Clock clock) {
        this.service = service;
        this.contactPoints = contactPoints;
        this.directory = directory;
        this.clock = clock;
    }

    @Operation(summary = "Publish a contact point", description = "Publishes one of this node's contact points to "
            + "the network, in effect from effectiveFrom (default now).")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('NODE_ADMIN')")
    @Idempotent
    @PostMapping
    public ResponseEntity<ContactPointResponse> publish(@Validated @RequestBody ContactPointForm form) {
        ContactPoint published = service.publish(form.details(), form.effectiveFrom());
        return ResponseEntity.created(URI.create("/api/v1/contact-points/" + published.id()))
                .body(ContactPointResponse.of(published, clock.instant()));
    }

    @Operation(summary = "List this node's contact points", description = "Each with the details in effect now and "
            + "any change announced for later.")
    @GetMapping
    public List<ContactPointResponse> list() {
        return contactPoints.findAll().stream().map(cp -> ContactPointResponse.of(cp, clock.instant())).toList();
    }

    @Operation(summary = "The directory of contact points", description = "Every contact point this node knows, its "
            + "own and those pulled from the other participants, with the details in effect now.")
    @GetMapping("/directory")
    public List<DirectoryEntry> directory() {
        return directory.all();
    }

    @Operation(summary = "Get one of this node's contact points")
    @GetMapping("/{id}")
    public ContactPointResponse get(@PathVariable UUID id) {
        return contactPoints.find(id).map(cp -> ContactPointResponse.of(cp, clock.instant()))
                .orElseThrow(() -> new NotFoundException("no such contact point"));
    }

    @Operation(summary = "Announce a change of a contact point", description = "New details, in effect from "
            + "effectiveFrom (default now); the participants are notified and pull the schedule.")
    @PreAuthorize("hasRole('NODE_ADMIN')")
    @Idempotent
    @PostMapping("/{id}/changes")
    public ContactPointResponse change(@PathVariable UUID id, @Validated @RequestBody ContactPointForm form) {
        return ContactPointResponse.of(service.announce(id, form.details(), form.effectiveFrom()), clock.instant());
    }
}
