package nl.bronsein.staffclient;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/** Every node's function-level contact points ({@code /api/v1/contact-points}). */
@HttpExchange("/api/v1/contact-points")
public interface ContactPointsApi {

    @PostExchange
    ContactPoint publish(@RequestBody ContactPointForm form);

    /** The node's own contact points. */
    @GetExchange
    List<ContactPoint> list();

    @GetExchange("/{id}")
    ContactPoint get(@PathVariable String id);

    /** A change, taking effect from {@code effectiveFrom} (now when not given). */
    @PostExchange("/{id}/changes")
    ContactPoint change(@PathVariable String id, @RequestBody ContactPointForm form);

    /** Everyone's contact points the node knows, as it shows them. */
    @GetExchange("/directory")
    JsonNode directory();

    record ContactPointForm(String name, String phone, String email, Instant effectiveFrom) {

        public ContactPointForm(String name, String phone, String email) {
            this(name, phone, email, null);
        }
    }

    /** What is in effect now. */
    record Details(String name, String phone, String email) {
    }

    record ContactPoint(String id, int version, String owner, Details current) {
    }
}
