package nl.bronsein.runtime.trust;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * How client certificates refused in the network port's TLS handshake are audited ({@code bronsein.refused-handshakes.*},
 * see {@link CertificateRefusals}).
 *
 * @param interval how often the refusals counted since the last time are written: a refusal is in the audit trail
 *                 within this time
 * @param maxRows  the most certificates written with a row of their own per interval; refusals of further certificates
 *                 in it are counted in one row together, so a flood of new certificates writes at most this many + 1
 *                 rows per interval
 */
@Validated
@ConfigurationProperties("bronsein.refused-handshakes")
public record RefusedHandshakeProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 10s") Duration interval,
        @Positive(message = "must be at least 1, e.g. 20") Integer maxRows) {

    public RefusedHandshakeProperties {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        maxRows = maxRows == null ? 20 : maxRows;
    }
}
