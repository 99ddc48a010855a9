package nl.bronsein.staffclient;

import java.time.Instant;
import java.util.Map;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Every node's administration ({@code /api/v1/admin}, the NODE_ADMIN role). */
@HttpExchange("/api/v1/admin")
public interface AdminApi {

    /** Handle the topics again from {@code from} (null: the beginning); with {@code rebuild}, first forget what was derived. */
    @PostExchange("/rewind")
    RewindResult rewind(@RequestBody RewindRequest request);

    record RewindRequest(Instant from, boolean rebuild) {
    }

    /** The consumer group moved, how many handled notifications were forgotten, the new offsets by partition. */
    record RewindResult(String consumerGroup, int forgottenNotifications, Map<String, Long> offsets, boolean rebuilt) {
    }
}
