package dev.btpboot.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.binding.CloudLoggingCredentials;
import dev.btpboot.binding.ServiceBindings;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * With a cloud-logging binding, Spring Boot defaults the application's configuration overrides:
 * the gRPC transport of the OTLP trace and log exporters (the only one SAP Cloud Logging speaks)
 * unless the application points them at an endpoint of its own, and Micrometer's OTLP registry
 * off (it speaks HTTP only) unless the application gives it a URL. Runs right after Spring Boot
 * has set up logging, so that reading the bindings logs as the application configured it.
 */
class CloudLoggingEnvironmentListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final String TRACING = "management.opentelemetry.tracing.export.otlp.";

	private static final String LOGGING = "management.opentelemetry.logging.export.otlp.";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.getProperty(ObservabilityProperties.PREFIX + ".enabled", Boolean.class, true)
				|| ServiceBindings.read(environment).ofService(CloudLoggingCredentials.SERVICE).isEmpty()) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!environment.containsProperty(TRACING + "endpoint")) {
			defaults.put(TRACING + "transport", "grpc");
		}
		if (!environment.containsProperty(LOGGING + "endpoint")) {
			defaults.put(LOGGING + "transport", "grpc");
		}
		if (!StringUtils.hasText(environment.getProperty("management.otlp.metrics.export.url"))) {
			defaults.put("management.otlp.metrics.export.enabled", "false");
		}
		ObservabilityEnvironmentPostProcessor.addDefaults(environment, defaults);
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
