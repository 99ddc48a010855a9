package nl.bronsein.runtime.pull;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.TrustProperties;

/**
 * Pulling, as the node's own code uses it: this node's pull policy, and the mutual-TLS client with which this node pulls
 * from others. The endpoint that applies the policy to other participants sits at the network door
 * ({@link PullEndpointConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullProperties.class)
public class PullConfiguration {

    /** The purposes of this node's pull policy qualify the processing activities its pulls are recorded under. */
    @Bean
    nl.bronsein.runtime.audit.ProcessingPurposes processingPurposes(PullPolicy policy) {
        java.util.Set<String> purposes = policy.rules().stream().map(PullRule::purpose)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return () -> purposes;
    }

    @Bean
    PullPolicy pullPolicy(PullProperties properties, List<SharedObjectSource> sources) {
        return properties.checkedAgainst(sources);
    }

    @Bean
    PullClient pullClient(SslBundles bundles, TrustProperties trust, PullProperties properties,
                          ObjectProvider<JsonMapper> mappers, RuntimeMetrics metrics,
                          ObjectProvider<ObservationRegistry> observations) {
        HttpClientSettings settings = HttpClientSettings.ofSslBundle(bundles.getBundle(trust.sslBundle()))
                .withTimeouts(properties.connectTimeout(), properties.readTimeout())
                .withRedirects(HttpRedirects.DONT_FOLLOW);
        // Owners may add fields to a view; a consumer reads what it knows (views are additive, see schemas.view).
        JsonMapper tolerant = mappers.getIfAvailable(JsonMapper::new).rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        // Observed, so that each pull sends the current span as a W3C traceparent and the owner's record of it carries
        // this node's trace id (one trace across the network, docs/design.md).
        RestClient http = RestClient.builder()
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(tolerant)))
                .build();
        return new PullClient(http, metrics);
    }
}
