package nl.bronsein.runtime.screen;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff pages' settings beyond the OAuth2 client registration ({@code bronsein.staff-pages.*}).
 *
 * @param signOutUri the identity provider's end-session endpoint (OpenID Connect RP-initiated logout). Signing out of
 *                   the pages then ends the session at the identity provider too, so that the next person at a shared
 *                   desk is asked for their own password instead of being signed in as the one before. Without it,
 *                   signing out ends the node's session only (an identity provider found by {@code issuer-uri} names
 *                   its endpoint itself).
 */
@ConfigurationProperties("bronsein.staff-pages")
public record ScreenProperties(URI signOutUri) {
}
