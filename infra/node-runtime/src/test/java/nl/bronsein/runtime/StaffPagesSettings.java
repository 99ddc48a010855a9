package nl.bronsein.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that give a node under test its staff pages: the OAuth2 client registration {@code staff} an
 * organisation's identity provider would be configured with, pointing at an address nothing answers (page tests sign in
 * with Spring Security's {@code oidcLogin()}, never at the provider), and where signing out ends up.
 */
public final class StaffPagesSettings {

    /** Nothing listens here: a test that reaches the identity provider fails rather than hangs. */
    public static final String IDENTITY_PROVIDER = "http://127.0.0.1:1";

    private StaffPagesSettings() {
    }

    /** The registration for {@code clientId}, as command-line properties, in the order an operator writes them. */
    public static Map<String, String> forClient(String clientId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.security.oauth2.client.registration.staff.client-id", clientId);
        settings.put("spring.security.oauth2.client.registration.staff.client-secret", "secret");
        settings.put("spring.security.oauth2.client.registration.staff.authorization-grant-type", "authorization_code");
        settings.put("spring.security.oauth2.client.registration.staff.scope", "openid,profile");
        settings.put("spring.security.oauth2.client.registration.staff.redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}");
        settings.put("spring.security.oauth2.client.provider.staff.authorization-uri", IDENTITY_PROVIDER + "/oauth2/authorize");
        settings.put("spring.security.oauth2.client.provider.staff.token-uri", IDENTITY_PROVIDER + "/oauth2/token");
        settings.put("spring.security.oauth2.client.provider.staff.jwk-set-uri", IDENTITY_PROVIDER + "/oauth2/jwks");
        settings.put("spring.security.oauth2.client.provider.staff.user-name-attribute", "sub");
        settings.put("bronsein.staff-pages.sign-out-uri", IDENTITY_PROVIDER + "/connect/logout");
        return settings;
    }
}
