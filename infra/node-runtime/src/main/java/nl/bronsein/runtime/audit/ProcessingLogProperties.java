package nl.bronsein.runtime.audit;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The processing log ({@code bronsein.processing-log.*}).
 *
 * @param activities the node's register of processing activities (AVG art. 30), as LDV's
 *                   {@code dpl.core.processing_activity_id}: an action ({@code pull}, {@code notification-history},
 *                   {@code network-request}, {@code tls-handshake}, {@code staff-read}, {@code change},
 *                   {@code processing-log-read}, {@code retention}), or an action for one purpose or object type
 *                   ({@code pull.intake}, {@code change.referral}), mapped to the URI of its entry in the
 *                   organisation's register. Where none is set, {@code urn:bronsein:processing-activity:<action>[.<purpose
 *                   or object type>]} names it, so every record names an activity an operator can map later.
 */
@Validated
@ConfigurationProperties("bronsein.processing-log")
public record ProcessingLogProperties(Map<String, URI> activities) {

    public ProcessingLogProperties {
        activities = activities == null ? Map.of() : Map.copyOf(activities);
    }
}
