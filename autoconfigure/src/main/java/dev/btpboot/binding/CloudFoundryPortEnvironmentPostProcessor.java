package dev.btpboot.binding;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * On Cloud Foundry, the server listens on the port the platform assigns in {@code PORT}, as the
 * Java buildpack arranges with {@code SERVER_PORT=$PORT}: an application started otherwise (a
 * container image, another buildpack, {@code java -jar} in a start command) would listen on 8080
 * and never receive a request from the router. The port ranks as that environment variable does:
 * above {@code application.yml}, below system properties and command-line arguments. Nothing
 * changes where {@code SERVER_PORT} is set, or outside Cloud Foundry.
 */
class CloudFoundryPortEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source that carries the port. */
	static final String PROPERTY_SOURCE = "cloudFoundryPort";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> system = environment.getSystemEnvironment();
		Object port = system.get("PORT");
		if (port == null || system.containsKey("SERVER_PORT") || !CloudPlatform.CLOUD_FOUNDRY.isActive(environment)) {
			return;
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, Map.of("server.port", port));
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
	}

	@Override
	public int getOrder() {
		return VcapServicesEnvironmentPostProcessor.ORDER + 1;
	}

}
