package nl.bronsein.runtime.idempotency;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys of creating staff requests ({@code bronsein.idempotency.*}).
 *
 * @param retention how long the first answer to a key is kept: a repeat within it gets that answer again, a later one
 *                  counts as a new request. Default 24h — longer than any client retries, and the answer holds the
 *                  created object as it was (with its personal data), so it is not kept for long.
 */
@Validated
@ConfigurationProperties("bronsein.idempotency")
record IdempotencyProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 24h") Duration retention) {

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
    }
}
