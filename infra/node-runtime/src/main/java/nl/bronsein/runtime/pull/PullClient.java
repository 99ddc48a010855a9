package nl.bronsein.runtime.pull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.notification.HistoryPage;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.databind.JsonNode;

/**
 * Pulls an object from its owner over mutual TLS, stating the purpose. It only ever calls the owner's node as the
 * participant list gives it: a {@code dataref} pointing anywhere else is refused before any connection is made.
 */
@NodeApi
public class PullClient {

    private static final Logger log = LoggerFactory.getLogger(PullClient.class);

    private final RestClient http;
    private final JsonFormat format = new JsonFormat();
    private final RuntimeMetrics metrics;

    public PullClient(RestClient http) {
        this(http, RuntimeMetrics.NONE);
    }

    public PullClient(RestClient http, RuntimeMetrics metrics) {
        this.http = http;
        this.metrics = metrics;
    }

    /** Pulls and times it: {@code bronsein.pull.duration} by object type, purpose and outcome. */
    public <T> T pull(Participant owner, String objectType, String objectId, String purpose, Class<T> view) {
        return pull(owner, objectType, objectId, purpose, null, view);
    }

    /**
     * Pulls presenting {@code basis}, the pull URL of the object this node's access rests on at another owner (the
     * case assigned to us, when we ask the GP for the referral it rests on); null for none.
     */
    public <T> T pull(Participant owner, String objectType, String objectId, String purpose, URI basis, Class<T> view) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            URI dataref = owner.pullUrl(objectType, objectId);
            if (dataref == null) {
                throw new PullRefusedException(0, "not an object id: a pull for it would go elsewhere at " + owner.id());
            }
            T body = doPull(owner, dataref, purpose, basis, view);
            outcome = "ok";
            return body;
        } catch (PullRefusedException e) {
            outcome = "refused";
            throw e;
        } catch (PullUnavailableException e) {
            outcome = "unavailable";
            throw e;
        } finally {
            // a known type's code, never what a hostile record put there
            metrics.pulled(SharedObjectType.fromCode(objectType).map(SharedObjectType::code).orElse("unknown"),
                    purpose == null ? "none" : purpose, outcome, java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private <T> T doPull(Participant owner, URI dataref, String purpose, URI basis, Class<T> view) {
        URI uri = UriComponentsBuilder.fromUri(dataref).replaceQueryParam("purpose", purpose).build().toUri();
        try {
            return http.get().uri(uri).accept(MediaType.APPLICATION_JSON)
                    .headers(h -> {
                        if (basis != null) {
                            h.set(PullController.BASIS, basis.toString());
                        }
                    })
                    .exchange((request, response) -> {
                HttpStatusCode status = response.getStatusCode();
                if (status.is2xxSuccessful()) {
                    T body = response.bodyTo(view);
                    if (body == null) {
                        throw new PullUnavailableException("empty answer from " + owner.id());
                    }
                    return body;
                }
                if (status.is5xxServerError() || status.value() == 429 || status.value() == 408) {
                    throw new PullUnavailableException(owner.id() + " answered " + status.value());
                }
                Withdrawal withdrawal = status.value() == 403 ? withdrawalIn(response) : null;
                throw new PullRefusedException(status.value(), owner.id() + " refused the pull for " + purpose
                        + " with " + status.value() + (withdrawal == null ? "" : " (" + withdrawal + ")"), withdrawal);
            });
        } catch (ResourceAccessException e) {
            throw new PullUnavailableException(owner.id() + " unreachable (" + rootCause(e) + ")", e);
        } catch (RestClientException e) {
            throw unreadable(owner, e);
        }
    }

    /**
     * The withdrawal a refusal states ({@code withdrawal} in the problem), or null: a refusal that says nothing
     * readable about one is a refusal like any other.
     */
    private static Withdrawal withdrawalIn(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        try {
            JsonNode problem = response.bodyTo(JsonNode.class);
            String stated = problem == null ? "" : problem.path(PullController.WITHDRAWAL).asString("");
            return Arrays.stream(Withdrawal.values()).filter(w -> w.name().equals(stated)).findFirst().orElse(null);
        } catch (RestClientException | HttpMessageConversionException e) {
            return null;
        }
    }

    /**
     * An answer that could not be read. Cut off halfway (its node killed while writing, the connection dropped, the
     * read timed out) it is no answer at all, and a later attempt may succeed; complete but not what the view needs,
     * it is the owner's answer, and it refuses the pull.
     */
    private static RuntimeException unreadable(Participant owner, RestClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return new PullUnavailableException(owner.id() + "'s answer was cut off (" + rootCause(e) + ")", e);
            }
        }
        return new PullRefusedException(200, "unreadable answer from " + owner.id() + " (" + rootCause(e) + ")");
    }

    /**
     * Fetches a page of what a source sent this node after a sequence number, from the source's listed node. The
     * entries are read as if from {@code inbox}, this node's own inbox topic, where they were addressed. Entries that
     * cannot be read as notifications are left out of the page; the position still moves past them.
     */
    public HistoryPage history(Participant source, long afterSequence, int limit, String inbox) {
        URI uri = UriComponentsBuilder.fromUri(source.nodeUrl()).path("/network/v1/notifications")
                .queryParam("afterSequence", afterSequence).queryParam("limit", limit).build().toUri();
        try {
            JsonNode page = http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
                HttpStatusCode status = response.getStatusCode();
                if (status.is2xxSuccessful()) {
                    return response.bodyTo(JsonNode.class);
                }
                if (status.is5xxServerError() || status.value() == 429 || status.value() == 408) {
                    throw new PullUnavailableException(source.id() + " answered " + status.value());
                }
                throw new PullRefusedException(status.value(), source.id() + " refused its history with " + status.value());
            });
            if (page == null || !page.path("notifications").isArray()) {
                throw new PullUnavailableException("no history page from " + source.id());
            }
            List<Notification> notifications = new ArrayList<>();
            for (JsonNode event : page.path("notifications")) {
                readNotification(event, inbox).ifPresent(notifications::add);
            }
            return new HistoryPage(notifications, page.path("nextAfterSequence").asLong(afterSequence),
                    page.path("more").asBoolean(false));
        } catch (ResourceAccessException e) {
            throw new PullUnavailableException(source.id() + " unreachable (" + rootCause(e) + ")", e);
        } catch (RestClientException e) {
            throw unreadable(source, e);
        }
    }

    private Optional<Notification> readNotification(JsonNode event, String inbox) {
        try {
            CloudEvent cloudEvent = format.deserialize(event.toString().getBytes(StandardCharsets.UTF_8));
            return Optional.of(NotificationEnvelope.fromCloudEvent(cloudEvent, inbox, -1, -1));
        } catch (RuntimeException e) {
            log.warn("History entry is not a notification ({}); left out", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
