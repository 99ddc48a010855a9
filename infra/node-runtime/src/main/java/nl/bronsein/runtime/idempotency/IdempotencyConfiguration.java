package nl.bronsein.runtime.idempotency;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import nl.bronsein.runtime.web.Connectors;

/** {@code Idempotency-Key} on the staff operations marked {@link Idempotent}: a repeated request creates nothing twice. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    /**
     * After Spring Security's filters (order -100): the keys are the authenticated staff member's own. The operations are
     * looked up in Spring MVC's own mapping, so that only those marked {@code @Idempotent} take the header.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(Connectors connectors, JdbcClient jdbc,
                                                                PlatformTransactionManager transactions, Clock clock,
                                                                IdempotencyProperties properties, ApplicationContext context,
                                                                ObjectProvider<JsonMapper> mappers) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(IdempotencyFilter.of(
                connectors, () -> context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                jdbc, new TransactionTemplate(transactions), clock, properties, mappers.getIfAvailable(JsonMapper::new)));
        registration.setOrder(0);
        return registration;
    }
}
