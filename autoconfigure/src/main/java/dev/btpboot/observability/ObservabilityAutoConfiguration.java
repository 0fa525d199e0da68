package dev.btpboot.observability;

import java.util.Map;

import dev.btpboot.token.OutgoingHeaders;
import io.micrometer.observation.ObservationFilter;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The correlation id on every call the starter builds, and the correlation and tenant ids on every
 * observation of a request: the {@link OutgoingHeaders} the token and Destination service clients
 * apply, the same headers on Spring Boot's {@code RestClient.Builder} and {@code WebClient.Builder}
 * (and so on destination clients and HTTP service groups), and an {@code ObservationFilter}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ObservabilityProperties.class)
@ConditionalOnBooleanProperty(name = "btp.observability.enabled", matchIfMissing = true)
public final class ObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpCorrelationOutgoingHeaders")
	@ConditionalOnBooleanProperty(name = "btp.observability.correlation.enabled", matchIfMissing = true)
	OutgoingHeaders btpCorrelationOutgoingHeaders() {
		return new CorrelationOutgoingHeaders();
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpTelemetryObservationFilter")
	@ConditionalOnClass(ObservationFilter.class)
	ObservationFilter btpTelemetryObservationFilter(ObservabilityProperties properties) {
		return new TelemetryObservationFilter(properties.isTenantTag());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "btpOutgoingHeadersRestClientCustomizer")
		RestClientCustomizer btpOutgoingHeadersRestClientCustomizer(ObjectProvider<OutgoingHeaders> outgoingHeaders) {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				outgoingHeaders.orderedStream().forEach((outgoing) -> outgoing.addTo(request.getHeaders()::set));
				return execution.execute(request, body);
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class, Mono.class })
	static class WebClientConfiguration {

		/**
		 * On the thread that subscribes (a servlet request calling {@code block()}), the headers of
		 * the MDC; within a WebFlux request, the correlation id of its Reactor context.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "btpOutgoingHeadersWebClientCustomizer")
		WebClientCustomizer btpOutgoingHeadersWebClientCustomizer(ObjectProvider<OutgoingHeaders> outgoingHeaders) {
			return (builder) -> builder.filter((request, next) -> Mono.deferContextual((context) -> {
				ClientRequest.Builder withHeaders = ClientRequest.from(request);
				withHeaders.headers((headers) -> outgoingHeaders.orderedStream()
					.forEach((outgoing) -> outgoing.addTo(headers::set)));
				context.<Map<String, String>>getOrEmpty(CorrelationIds.REACTOR_CONTEXT_KEY)
					.map((mdc) -> mdc.get(CorrelationIds.MDC_KEY))
					.ifPresent((id) -> withHeaders.headers((headers) -> headers.set(CorrelationIds.HEADER, id)));
				return next.exchange(withHeaders.build());
			}));
		}

	}

}
