package dev.btpboot.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.binding.CloudLoggingCredentials;
import dev.btpboot.binding.ServiceBindings;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Spring Boot's own settings for telemetry on SAP BTP, as defaults the application's configuration
 * overrides (a property source of the lowest precedence): with a cloud-logging binding, the gRPC
 * transport of the OTLP trace and log exporters (the only one SAP Cloud Logging speaks) unless the
 * application points them elsewhere, and Micrometer's OTLP registry off (it speaks HTTP only)
 * unless the application gives it a URL; the platform's resource attributes; structured JSON
 * console logs on Cloud Foundry and Kubernetes. Nothing with {@code btp.observability.enabled=false}.
 */
class ObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source with the defaults. */
	static final String PROPERTY_SOURCE = "btpObservabilityDefaults";

	/** After the application's configuration and Boot's {@code vcap.application.*} properties are in. */
	static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private static final String TRACING = "management.opentelemetry.tracing.export.otlp.";

	private static final String LOGGING = "management.opentelemetry.logging.export.otlp.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ObservabilityProperties.PREFIX + ".enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		new PlatformResourceAttributes(environment, PlatformResourceAttributes.SERVICE_ACCOUNT_NAMESPACE).attributes()
			.forEach((name, value) -> defaults.put("management.opentelemetry.resource-attributes[" + name + "]", value));
		if (environment.getProperty(ObservabilityProperties.PREFIX + ".logging.structured", Boolean.class, true)
				&& (CloudPlatform.CLOUD_FOUNDRY.isActive(environment) || CloudPlatform.KUBERNETES.isActive(environment))) {
			defaults.put("logging.structured.format.console", "ecs");
		}
		if (!ServiceBindings.of(environment).ofService(CloudLoggingCredentials.SERVICE).isEmpty()) {
			if (!environment.containsProperty(TRACING + "endpoint")) {
				defaults.put(TRACING + "transport", "grpc");
			}
			if (!environment.containsProperty(LOGGING + "endpoint")) {
				defaults.put(LOGGING + "transport", "grpc");
			}
			if (!StringUtils.hasText(environment.getProperty("management.otlp.metrics.export.url"))) {
				defaults.put("management.otlp.metrics.export.enabled", "false");
			}
		}
		// Also below SpringApplication's default properties, which Boot moves to the end later.
		defaults.keySet().removeIf(environment::containsProperty);
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
