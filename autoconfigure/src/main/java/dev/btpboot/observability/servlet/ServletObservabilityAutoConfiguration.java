package dev.btpboot.observability.servlet;

import dev.btpboot.observability.ObservabilityAutoConfiguration;
import dev.btpboot.observability.ObservabilityProperties;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Correlation ids and the tenant on the telemetry of servlet requests: a filter right after
 * Spring's observation filter takes the correlation id in and out, one right after Spring
 * Security's chain adds the tenant. Replace either by defining a bean of the same name.
 */
@AutoConfiguration(after = ObservabilityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ ObservationRegistry.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "btp.observability.enabled", matchIfMissing = true)
public final class ServletObservabilityAutoConfiguration {

	/** After Spring's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}), so its span exists. */
	static final int CORRELATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	/** After Spring Security's filter chain ({@code -100}), so the user is known. */
	static final int TENANT_ORDER = -99;

	@Bean
	@ConditionalOnMissingBean(name = "btpCorrelationIdFilter")
	@ConditionalOnBooleanProperty(name = "btp.observability.correlation.enabled", matchIfMissing = true)
	FilterRegistrationBean<CorrelationIdFilter> btpCorrelationIdFilter(ObservabilityProperties properties) {
		FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(
				new CorrelationIdFilter(properties.isTenantTag()));
		registration.setOrder(CORRELATION_ORDER);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpTenantTelemetryFilter")
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	FilterRegistrationBean<TenantTelemetryFilter> btpTenantTelemetryFilter(ObservabilityProperties properties) {
		FilterRegistrationBean<TenantTelemetryFilter> registration = new FilterRegistrationBean<>(
				new TenantTelemetryFilter(properties.isTenantTag()));
		registration.setOrder(TENANT_ORDER);
		return registration;
	}

}
