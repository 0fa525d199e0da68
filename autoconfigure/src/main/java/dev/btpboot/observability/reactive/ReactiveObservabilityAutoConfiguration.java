package dev.btpboot.observability.reactive;

import dev.btpboot.observability.ObservabilityAutoConfiguration;
import dev.btpboot.observability.ObservabilityProperties;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Correlation ids and the tenant on the telemetry of WebFlux requests, as the servlet
 * configuration does for servlet requests. The MDC of a reactive request follows it from thread
 * to thread when Reactor's automatic context propagation is on
 * ({@code spring.reactor.context-propagation=auto}).
 */
@AutoConfiguration(after = ObservabilityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "btp.observability.enabled", matchIfMissing = true)
public final class ReactiveObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "btp.observability.correlation.enabled", matchIfMissing = true)
	CorrelationIdWebFilter btpCorrelationIdWebFilter(ObservabilityProperties properties) {
		return new CorrelationIdWebFilter(properties.isTenantTag());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.security.core.context.ReactiveSecurityContextHolder")
	TenantTelemetryWebFilter btpTenantTelemetryWebFilter(ObservabilityProperties properties) {
		return new TenantTelemetryWebFilter(properties.isTenantTag());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRegistry.class)
	static class MdcPropagationConfiguration {

		/** Registered once per JVM: the registry is global, a second registration replaces the first. */
		MdcPropagationConfiguration() {
			ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcContextAccessor());
		}

	}

}
