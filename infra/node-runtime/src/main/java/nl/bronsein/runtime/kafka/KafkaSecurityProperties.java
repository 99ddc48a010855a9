package nl.bronsein.runtime.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the node reaches the Kafka cluster ({@code bronsein.kafka.*}). Mutual TLS with the node's own certificate is the
 * only default: the broker knows the node as its participant id and grants it its inbox, the generic topics and WRITE
 * to the roles it may address (infra/provisioning).
 *
 * @param plaintextForDevelopment true only for a development broker without TLS: the node then connects in plaintext,
 *                                as nobody in particular, and creates its topics itself; it says so loudly at start-up
 */
@ConfigurationProperties("bronsein.kafka")
record KafkaSecurityProperties(Boolean plaintextForDevelopment) {

    public KafkaSecurityProperties {
        plaintextForDevelopment = plaintextForDevelopment != null && plaintextForDevelopment;
    }
}
