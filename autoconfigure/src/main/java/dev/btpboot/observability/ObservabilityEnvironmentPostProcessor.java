package dev.btpboot.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot's own settings for telemetry on SAP BTP, as defaults the application's configuration
 * overrides (a property source of the lowest precedence): the platform's resource attributes and
 * structured JSON console logs on Cloud Foundry and Kubernetes, set before Boot initializes its
 * logging. The defaults that depend on a cloud-logging binding follow once logging is set up
 * ({@link CloudLoggingEnvironmentListener}). Nothing with {@code btp.observability.enabled=false}.
 */
class ObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source with the defaults. */
	static final String PROPERTY_SOURCE = "btpObservabilityDefaults";

	/** After the application's configuration and Boot's {@code vcap.application.*} properties are in. */
	static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

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
		addDefaults(environment, defaults);
	}

	/**
	 * Adds defaults where nothing sets them, in the one property source of the lowest precedence.
	 * Also below SpringApplication's default properties, which Boot moves to the end later.
	 */
	static void addDefaults(ConfigurableEnvironment environment, Map<String, Object> defaults) {
		defaults.keySet().removeIf(environment::containsProperty);
		if (defaults.isEmpty()) {
			return;
		}
		if (environment.getPropertySources().get(PROPERTY_SOURCE) instanceof MapPropertySource existing) {
			existing.getSource().putAll(defaults);
		}
		else {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, new LinkedHashMap<>(defaults)));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
