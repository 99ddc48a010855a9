package nl.bronsein.benchmark.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.staff.StaffProperties;
import nl.bronsein.runtime.staff.StaffRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff token checked as the GP's staff API checks it: an OAuth2 resource server verifying the JWT's signature with
 * the identity provider's public key, its issuer, audience, subject and expiry, with the node's settings
 * ({@code bronsein.staff.*}, {@link StaffProperties}) and the node's reading of the roles claim ({@link StaffRole}).
 * Recording a referral takes the role GP or PRACTICE_ASSISTANT, decided before the body is read, as at the GP.
 * Refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(StaffProperties.class)
class PeerSecurity {

    @Bean
    SecurityFilterChain staffApi(HttpSecurity http, JwtDecoder staffTokenDecoder, StaffProperties staff,
                                 JsonMapper json) throws Exception {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> StaffRole.authorities(jwt.getClaimAsStringList(staff.rolesClaim())));
        AuthenticationEntryPoint noToken = (request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                "a valid staff token (Bearer JWT of the practice's identity provider) is required");
        AccessDeniedHandler noTask = (request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                "your role does not include this task");
        return http
                .authorizeHttpRequests(requests -> requests
                        // the error page answers a refusal already made
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/referrals")
                        .hasAnyRole(StaffRole.GP.name(), StaffRole.PRACTICE_ASSISTANT.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(staffTokenDecoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(noToken)
                        .accessDeniedHandler(noTask))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(noToken).accessDeniedHandler(noTask))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Signature (RS256, the configured public key), issuer, audience, a subject, and an expiry that must be there. */
    @Bean
    JwtDecoder staffTokenDecoder(StaffProperties staff) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey(staff)).build();
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(staff.issuer()),
                time,
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(staff.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()))));
        return decoder;
    }

    /**
     * As on the nodes ({@code SecurityObservations} in the runtime): Spring Security wraps no filter of a request in an
     * observation, so the token check costs the peer what it costs the GP.
     */
    @Bean
    SecurityObservationSettings springSecurityUnobserved() {
        return SecurityObservationSettings.noObservations();
    }

    private static RSAPublicKey publicKey(StaffProperties staff) {
        if (staff.publicKey() == null) {
            throw new IllegalStateException("bronsein.staff.public-key is not set: the PEM public key of the issuer");
        }
        try (InputStream pem = staff.publicKey().getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bronsein.staff.public-key " + staff.publicKey(), e);
        }
    }

    private static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
