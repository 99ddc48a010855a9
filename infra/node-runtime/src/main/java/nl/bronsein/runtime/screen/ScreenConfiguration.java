package nl.bronsein.runtime.screen;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import nl.bronsein.runtime.staff.StaffProperties;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.web.StaffDoorPaths;

/**
 * The staff pages on the staff port, on when the node has an OAuth2 client registration {@code staff}
 * ({@code spring.security.oauth2.client.registration.staff.*}): staff sign in at the organisation's OpenID Connect
 * provider with the authorization code flow and PKCE, and the roles in the ID token's roles claim (the claim the staff
 * API reads from its bearer tokens, {@code bronsein.staff.roles-claim}) decide what each page shows and allows, as the
 * same roles do on the staff API. The session is a cookie (HttpOnly, SameSite=Lax, Secure when the request came over
 * TLS); every form carries a CSRF token, and htmx sends it as a header.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration." + ScreenConfiguration.REGISTRATION,
        name = "client-id")
@Import({HomeScreen.class, ScreenModel.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties(ScreenProperties.class)
public class ScreenConfiguration {

    /** The client registration the staff pages sign in with. */
    static final String REGISTRATION = "staff";

    @Bean
    @Order(2)
    SecurityFilterChain staffScreens(HttpSecurity http, ClientRegistrationRepository registrations,
                                     StaffProperties staff, ScreenProperties pages) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        // a confidential client with PKCE as well: a code that leaks (a log, a referrer) is useless without the verifier
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return http
                .securityMatcher(ScreenPaths::matches)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/assets/**", "/webjars/**", "/app/afgemeld").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOf(staff.rolesClaim())))
                        .defaultSuccessUrl(ScreenPaths.APP, true))
                .logout(logout -> logout.logoutSuccessHandler(signOut(registrations, pages)))
                // a page that polls after its session ended: the poll cannot follow a redirect to the identity provider
                // (another origin), so htmx is told to load the page itself, which then signs in again
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn())
                        // a page or action the role does not give: a page that says so, not the API's problem+json
                        .accessDeniedHandler(noTask()))
                .headers(headers -> headers
                        // nothing but the node's own files: no inline script or style, no other origin, no framing
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"))
                        // an object's id in a page's address is nobody else's business
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * Anyone not signed in goes to the identity provider, except a page's poll after its session ended: a poll cannot
     * follow a redirect to the identity provider (another origin), so htmx is told to load the page itself, which then
     * signs in again. Whatever the request accepts: a client that sends no Accept header is sent to sign in too.
     */
    private static org.springframework.security.web.AuthenticationEntryPoint signIn() {
        java.util.LinkedHashMap<org.springframework.security.web.util.matcher.RequestMatcher,
                org.springframework.security.web.AuthenticationEntryPoint> byRequest = new java.util.LinkedHashMap<>();
        byRequest.put(request -> "true".equals(request.getHeader("HX-Request")), (request, response, e) -> {
            response.setHeader("HX-Refresh", "true");
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_UNAUTHORIZED);
        });
        org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint entryPoint =
                new org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint(byRequest);
        entryPoint.setDefaultEntryPoint(new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                "/oauth2/authorization/" + REGISTRATION));
        return entryPoint;
    }

    /**
     * Signing out ends the session at the identity provider as well (RP-initiated logout), which sends the browser back
     * to the pages' root and so to its sign-in page; Spring Security's handler for it finds the endpoint in the
     * provider's discovered metadata, which a node given explicit endpoints does not have, so it is set here.
     */
    private static org.springframework.security.web.authentication.logout.LogoutSuccessHandler signOut(
            ClientRegistrationRepository registrations, ScreenProperties pages) {
        org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler local =
                new org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler();
        local.setDefaultTargetUrl("/app/afgemeld");
        if (pages.signOutUri() == null) {
            org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler discovered =
                    new org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler(registrations);
            discovered.setPostLogoutRedirectUri("{baseUrl}/");
            discovered.setDefaultTargetUrl("/app/afgemeld");
            return discovered;
        }
        return (request, response, authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser user) {
                String back = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                        .replacePath("/").replaceQuery(null).build().toUriString();
                response.sendRedirect(org.springframework.web.util.UriComponentsBuilder.fromUri(pages.signOutUri())
                        .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                        .queryParam("post_logout_redirect_uri", back)
                        .encode().build().toUriString());
                return;
            }
            local.onLogoutSuccess(request, response, authentication);
        };
    }

    private static org.springframework.security.web.access.AccessDeniedHandler noTask() {
        org.springframework.security.web.access.AccessDeniedHandlerImpl handler =
                new org.springframework.security.web.access.AccessDeniedHandlerImpl();
        handler.setErrorPage(HomeScreen.NO_TASK);
        return handler;
    }

    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer dutchPages() {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new ScreenLocale());
            }
        };
    }

    /** The staff door serves the pages beside the staff API. */
    @Bean
    StaffDoorPaths staffPages() {
        return ScreenPaths::matches;
    }

    @Bean
    ScreenTime screenTime(java.time.Clock clock) {
        return new ScreenTime(clock);
    }

    /** The ID token's roles, read as the staff API reads a bearer token's; the OIDC scopes become no authorities. */
    private static GrantedAuthoritiesMapper rolesOf(String claim) {
        return granted -> {
            Set<GrantedAuthority> roles = new HashSet<>();
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> values = oidc.getIdToken().getClaimAsStringList(claim);
                    roles.addAll(StaffRole.authorities(values));
                }
            }
            return roles;
        };
    }
}
