package nl.bronsein.runtime.pull;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.trust.Participant;

/**
 * Pulls an object from its owner over mutual TLS, stating the purpose. It only ever calls the owner's node as the
 * participant list gives it: a {@code dataref} pointing anywhere else is refused before any connection is made.
 */
public class PullClient {

    private final RestClient http;

    public PullClient(RestClient http) {
        this.http = http;
    }

    /** Pulls the object a notification is about, for the purpose of the subscription that received it. */
    public <T> T pull(ReceivedNotification notification, Class<T> view) {
        return pull(notification.source(), notification.notification().dataref(), notification.purpose(), view);
    }

    public <T> T pull(Participant owner, URI dataref, String purpose, Class<T> view) {
        if (!owner.hosts(dataref)) {
            throw new PullRefusedException(0, "dataref is not at the listed node of " + owner.id());
        }
        URI uri = UriComponentsBuilder.fromUri(dataref).replaceQueryParam("purpose", purpose).build().toUri();
        try {
            return http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
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
                throw new PullRefusedException(status.value(), owner.id() + " refused the pull for " + purpose
                        + " with " + status.value());
            });
        } catch (ResourceAccessException e) {
            throw new PullUnavailableException(owner.id() + " unreachable (" + rootCause(e) + ")", e);
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
