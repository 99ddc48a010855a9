package nl.bronsein.runtime.trust;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Settings of this node's place in the network ({@code bronsein.node.*}). Both the identifier and the list are
 * required: at start-up the node reads the list, finds its own entry, and checks that the certificate in its SSL
 * bundle is the one listed there.
 *
 * @param participantId this node's own identifier, as listed in the participant list: {@code urn:nld:oin:<20 digits>}
 *                      for a government body (e.g. a municipality), {@code urn:nld:kvk:<8 digits>} for others
 * @param participantList location of the participant list published by governance (JSON), e.g.
 *                        {@code file:/etc/bronsein/participants.json}
 * @param sslBundle the Spring SSL bundle holding this node's certificate and the network's CA; used for the network
 *                  port ({@code server.ssl.bundle} follows it) and for outgoing pulls
 */
@Validated
@ConfigurationProperties("bronsein.node")
public record TrustProperties(
        @NotBlank(message = "is not set: set it to this node's identifier as listed in the participant list, "
                + "e.g. urn:nld:oin:00000001001234567000")
        @Pattern(regexp = "urn:nld:(oin:\\d{20}|kvk:\\d{8})",
                message = "is not a participant URN: it must be urn:nld:oin:<20 digits> or urn:nld:kvk:<8 digits>")
        String participantId,
        @NotNull(message = "is not set: set it to the location of the participant list, "
                + "e.g. file:/etc/bronsein/participants.json")
        Resource participantList,
        @NotBlank(message = "must name an SSL bundle (spring.ssl.bundle.pem.<name>.*)")
        String sslBundle) {

    public TrustProperties {
        sslBundle = sslBundle == null ? "network" : sslBundle;
    }
}
