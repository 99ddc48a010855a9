package nl.bronsein.runtime.staff;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use this node's staff API ({@code bronsein.staff.*}): tokens (JWT) from the organisation's identity provider.
 *
 * @param issuer the identity provider's issuer ({@code iss}); tokens naming another issuer are refused
 * @param audience this node's staff API as the tokens name it ({@code aud}); tokens for another audience are refused
 * @param jwkSetUri where the identity provider publishes its signing keys (production)
 * @param publicKey a PEM public key to verify tokens with instead (the local network's development issuer)
 * @param rolesClaim the claim that carries the staff member's roles: a JSON array of {@link StaffRole} names
 * @param maxTokenLifetime the longest a token may live, from its issue ({@code iat}) or from now, whichever is earlier,
 *                         to its expiry ({@code exp}); a token of a real identity provider lives minutes to hours
 */
@Validated
@ConfigurationProperties("bronsein.staff")
public record StaffProperties(String issuer, String audience, URI jwkSetUri, Resource publicKey, String rolesClaim,
                              @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 12h")
                              Duration maxTokenLifetime) {

    public StaffProperties {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(12) : maxTokenLifetime;
    }
}
