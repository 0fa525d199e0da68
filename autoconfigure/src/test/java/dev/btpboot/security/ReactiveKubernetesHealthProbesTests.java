package dev.btpboot.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.web.context.reactive.StandardReactiveWebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on Kubernetes (Kyma), probed anonymously by the kubelet, as
 * {@link KubernetesHealthProbesTests} for servlet applications: {@code KUBERNETES_SERVICE_HOST} and
 * {@code _PORT} in the system environment property source, an xsuaa binding mounted as the SAP BTP
 * service operator mounts it, Boot's defaults. Exactly the probe groups Boot registers are open,
 * also at their additional paths; nothing else of the actuator is.
 */
class ReactiveKubernetesHealthProbesTests {

	@TempDir
	Path bindingRoot;

	@Test
	void probesAreOpenOnKubernetesWithBootsDefaultsAndNothingElseOfTheActuatorIs() throws IOException {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(CloudPlatform.getActive(context.getEnvironment())).isEqualTo(CloudPlatform.KUBERNETES);
			assertThat(context.getBean(SecurityModeDecision.class).mode()).isEqualTo(SecurityMode.JWT);
			int port = serverPort(context);
			assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(get(port, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
			assertClosed(port, "/actuator/health", "/actuator/env", "/actuator", "/actuator/health/ping",
					"/actuator/health/liveness/livenessState", "/livez", "/readyz");
		}
	}

	@Test
	void additionalPathsAndAMappedHealthPathAreOpenAndTheApplicationsOwnGroupsStayClosed() throws IOException {
		try (ConfigurableApplicationContext context = start("management.endpoint.health.probes.add-additional-paths=true",
				"management.endpoints.web.path-mapping.health=healthz", "management.endpoints.web.exposure.include=*",
				"management.endpoint.health.group.custom.include=ping",
				"management.endpoint.health.group.custom.additional-path=server:/custom-health")) {
			int port = serverPort(context);
			for (String path : List.of("/livez", "/readyz", "/actuator/healthz/liveness", "/actuator/healthz/readiness")) {
				assertThat(get(port, path).statusCode()).as(path).isEqualTo(200);
			}
			assertClosed(port, "/actuator/healthz", "/actuator/env", "/livez/livenessState",
					"/actuator/health/liveness", "/actuator/healthz/custom", "/custom-health");
		}
	}

	private static void assertClosed(int port, String... paths) {
		for (String path : paths) {
			assertThat(get(port, path).statusCode()).as(path).isEqualTo(401);
		}
	}

	private static int serverPort(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private ConfigurableApplicationContext start(String... properties) throws IOException {
		writeXsuaaBinding(this.bindingRoot.resolve("app-uaa"));
		StandardReactiveWebEnvironment environment = new StandardReactiveWebEnvironment();
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
		variables.put("KUBERNETES_SERVICE_PORT", "443");
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		String[] all = Stream.concat(Stream.of("spring.main.web-application-type=reactive", "server.port=0",
				"server.address=127.0.0.1", "btp.bindings.kubernetes-root=" + this.bindingRoot), Stream.of(properties))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ReactiveTestApplication.class).environment(environment)
			.properties(all)
			.run();
	}

	/** An xsuaa binding as the SAP BTP service operator mounts it: one file per key plus .metadata. */
	private static void writeXsuaaBinding(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("type"), "xsuaa");
		Files.writeString(directory.resolve("plan"), "application");
		Files.writeString(directory.resolve("credentials"), """
				{"clientid":"sb-app!t1","clientsecret":"s3cr3t-xsuaa","url":"https://sub.authentication.example.com",
				 "uaadomain":"authentication.example.com","xsappname":"app!t1"}""");
		Files.writeString(directory.resolve(".metadata"), """
				{"metaDataProperties":[{"name":"type","format":"text"},{"name":"plan","format":"text"}],
				 "credentialProperties":[{"name":"credentials","format":"json","container":true}]}""");
	}

}
