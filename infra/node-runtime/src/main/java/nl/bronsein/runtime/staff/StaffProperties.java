package nl.bronsein.runtime.staff;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Who may use this node's staff API ({@code bronsein.staff.*}): tokens (JWT) from the organisation's identity provider.
 *
 * @param issuer the identity provider's issuer ({@code iss}); tokens naming another issuer are refused
 * @param audience this node's staff API as the tokens name it ({@code aud}); tokens for another audience are refused
 * @param jwkSetUri where the identity provider publishes its signing keys (production)
 * @param publicKey a PEM public key to verify tokens with instead (the local network's development issuer)
 * @param rolesClaim the claim that carries the staff member's roles, values of {@link StaffRole}
 */
@ConfigurationProperties("bronsein.staff")
public record StaffProperties(String issuer, String audience, URI jwkSetUri, Resource publicKey, String rolesClaim) {

    public StaffProperties {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }
}
