package nl.bronsein.runtime.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.CertificateRefusals;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.RefusedHandshakeProperties;

/**
 * The two doors: the network port (mutual TLS, listed participants only, every request one audit row) and the staff
 * port, each with its limits, and every refusal answered as problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffApiProperties.class)
@Import({ProblemResponses.class, ProblemErrorController.class})
public class DoorsConfiguration {

    @Bean
    Connectors connectors(StaffApiProperties properties) {
        return new Connectors(properties);
    }

    /** A client certificate refused in the network port's TLS handshake is audited too, though no request exists. */
    @Bean
    CertificateRefusals certificateRefusals(AuditTrail audit, RuntimeMetrics metrics,
                                            RefusedHandshakeProperties properties) {
        return new CertificateRefusals(audit, metrics, properties);
    }

    /** Every request on the network door past the handshake is one audit row. */
    @Bean
    DoorAudit doorAudit(AuditTrail audit, Connectors connectors, ParticipantList participants, java.time.Clock clock) {
        return new DoorAudit(audit, connectors, participants, clock);
    }

    @Bean
    NetworkTls networkTls(CertificateRefusals refusals) {
        return new NetworkTls(refusals);
    }

    /** Spring Security uses it for what its firewall refuses: a 400, and audited on the network door. */
    @Bean
    RejectedRequests rejectedRequests(Connectors connectors, DoorAudit audit) {
        return new RejectedRequests(connectors, audit);
    }

    /** Before the door filter, which reads a parameter itself. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(Connectors connectors, StaffApiProperties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(connectors, properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Registered with Spring Boot's JSON mapper, so every request body is read with it. */
    @Bean
    JacksonModule storableInput() {
        return StorableInput.module();
    }

    @Bean
    ContainerProblems containerProblems() {
        return new ContainerProblems();
    }

    @Bean
    FilterRegistrationBean<DoorFilter> doorFilter(Connectors connectors, ParticipantList participants, DoorAudit audit,
                                                  org.springframework.beans.factory.ObjectProvider<StaffDoorPaths> otherStaffPaths) {
        FilterRegistrationBean<DoorFilter> registration = new FilterRegistrationBean<>(new DoorFilter(connectors, participants,
                audit, otherStaffPaths.getIfAvailable(() -> path -> false)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
