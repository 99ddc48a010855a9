package nl.bronsein.runtime.contactpoint;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.bronsein.runtime.web.NotFoundException;

/**
 * The staff API for contact points: publish and change this node's own, and read the directory of every contact point
 * this node knows.
 */
@RestController
@RequestMapping("/api/v1/contact-points")
public class ContactPointController {

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

    @PreAuthorize("hasRole('NODE_ADMIN')")
    @PostMapping
    public ResponseEntity<ContactPointResponse> publish(@Validated @RequestBody ContactPointForm form) {
        ContactPoint published = service.publish(form.details(), form.effectiveFrom());
        return ResponseEntity.created(URI.create("/api/v1/contact-points/" + published.id()))
                .body(ContactPointResponse.of(published, clock.instant()));
    }

    @GetMapping
    public List<ContactPointResponse> list() {
        return contactPoints.findAll().stream().map(cp -> ContactPointResponse.of(cp, clock.instant())).toList();
    }

    @GetMapping("/directory")
    public List<DirectoryEntry> directory() {
        return directory.all();
    }

    @GetMapping("/{id}")
    public ContactPointResponse get(@PathVariable UUID id) {
        return contactPoints.find(id).map(cp -> ContactPointResponse.of(cp, clock.instant()))
                .orElseThrow(() -> new NotFoundException("no such contact point"));
    }

    @PreAuthorize("hasRole('NODE_ADMIN')")
    @PostMapping("/{id}/changes")
    public ContactPointResponse change(@PathVariable UUID id, @Validated @RequestBody ContactPointForm form) {
        return ContactPointResponse.of(service.announce(id, form.details(), form.effectiveFrom()), clock.instant());
    }
}
