package nl.bronsein.identityprovider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What a node learns of a member of staff: {@code roles} (in the ID token for the staff pages, in the access token for
 * the staff API), the node's participant URN as the access token's audience ({@code bronsein.staff.audience}), and a
 * display {@code name} with the profile scope. {@code sub} stays the username.
 *
 * <p>Roles only for a user of the node the token is for: a municipality's intake officer who signs in at the GP
 * practice's client is a person the GP practice knows nothing of, and gets a token without tasks there.
 */
final class StaffClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String NAME = "name";

    private final Map<String, IdentityProviderProperties.Node> nodes;
    private final DevCredentials credentials;

    StaffClaims(List<IdentityProviderProperties.Node> nodes, DevCredentials credentials) {
        this.nodes = nodes.stream().collect(Collectors.toUnmodifiableMap(IdentityProviderProperties.Node::clientId,
                Function.identity()));
        this.credentials = credentials;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String clientId = context.getRegisteredClient().getClientId();
        Optional<DevCredentials.User> user = credentials.user(context.getPrincipal().getName());
        JwtClaimsSet.Builder claims = context.getClaims();
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        if (accessToken) {
            IdentityProviderProperties.Node node = nodes.get(clientId);
            if (node != null) {
                claims.audience(List.of(node.participant()));
            }
        }
        if (idToken || accessToken) {
            user.filter(u -> u.clientId().equals(clientId)).ifPresent(u -> claims.claim(ROLES, u.roles()));
        }
        if (idToken && context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
            user.ifPresent(u -> claims.claim(NAME, u.name()));
        }
    }
}
