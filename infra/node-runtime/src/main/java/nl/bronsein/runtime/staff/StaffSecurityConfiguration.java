package nl.bronsein.runtime.staff;

import java.io.IOException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two doors, as Spring Security sees them. The network door ({@code /network/**}) is guarded by mutual TLS and the
 * participant list (the {@code DoorFilter}), not by tokens. The staff door ({@code /api/**}, {@code /actuator/**}) is an
 * OAuth2 resource server: a valid JWT of the organisation's identity provider for this node, with roles; each endpoint
 * then allows the roles whose task needs it ({@code @PreAuthorize} next to the endpoint, decided before the body is read:
 * {@link RolesBeforeBinding}). Refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(StaffProperties.class)
public class StaffSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain networkDoor(HttpSecurity http) throws Exception {
        return http.securityMatcher("/network/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain staffDoor(HttpSecurity http, JwtDecoder staffTokenDecoder, StaffProperties staff,
                                  JsonMapper json) throws Exception {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> StaffRole.authorities(jwt.getClaimAsStringList(staff.rolesClaim())));
        return http
                .authorizeHttpRequests(requests -> requests
                        // the error page answers a refusal already made (status only, ProblemErrorController); without
                        // this, a refusal at the network door would reach the client as "staff token required"
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // a health check and the API description need no staff member; health shows its details
                        // only to NODE_ADMIN (OperationsDefaults), so a token is still read here when one is sent
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/api/openapi.json").permitAll()
                        .requestMatchers("/actuator/**").hasRole(StaffRole.NODE_ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(staffTokenDecoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                                "a valid staff token (Bearer JWT of this node's identity provider) is required"))
                        .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                                "your role does not include this task")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                                "a valid staff token (Bearer JWT of this node's identity provider) is required"))
                        .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                                "your role does not include this task")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    WebMvcConfigurer rolesBeforeBinding() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RolesBeforeBinding());
            }
        };
    }

    @Bean
    JwtDecoder staffTokenDecoder(StaffProperties staff) {
        return StaffTokens.decoder(staff);
    }

    @Bean
    StaffAudit staffAudit(nl.bronsein.runtime.audit.AuditTrail audit,
                          org.springframework.beans.factory.ObjectProvider<nl.bronsein.runtime.pull.SharedObjectSource> sources) {
        return new StaffAudit(audit, sources);
    }

    private static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.UNAUTHORIZED ? "Unauthorized" : "Forbidden");
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
