package nl.bronsein.runtime.audit;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * The processing log's hash chain ({@code bronsein.processing-log.chain.*}).
 *
 * @param sealInterval how often the sealer looks for records to seal when no commit woke it (default 1s)
 * @param batchSize    records sealed per transaction (default 500)
 */
@Validated
@ConfigurationProperties("bronsein.processing-log.chain")
public record ProcessingChainProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 1s") Duration sealInterval,
        @Positive(message = "must be at least 1, e.g. 500") Integer batchSize) {

    public ProcessingChainProperties {
        sealInterval = sealInterval == null ? Duration.ofSeconds(1) : sealInterval;
        batchSize = batchSize == null ? 500 : batchSize;
    }
}
