package dev.btpboot.binding;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloud Foundry's {@code PORT}, set as the platform sets it: an environment variable of a fresh JVM
 * beside {@code VCAP_APPLICATION}, with no {@code SERVER_PORT} of the Java buildpack. The other
 * cases read the environment the way the post-processor does, with variables set on it.
 */
class CloudFoundryPortTests {

	@TempDir
	Path output;

	@Test
	void onCloudFoundryTheServerListensOnThePortOfThePlatform() throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), WebApplication.class.getName(),
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				// the port is the point, not the security of an application without bindings
				"--btp.security.enabled=false"));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("VCAP_") || name.startsWith("SPRING_")
				|| name.startsWith("SERVER_") || name.equals("KUBERNETES_SERVICE_HOST"));
		environment.put("VCAP_APPLICATION", "{\"application_name\": \"bookshop\", \"space_name\": \"dev\"}");
		environment.put("PORT", Integer.toString(port));
		environment.put("SERVICE_BINDING_ROOT", this.output.resolve("no-bindings").toString());
		Path stdout = this.output.resolve("stdout.txt");
		Process process = builder.redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
		// Generous: two cores shared by several builds. A start ends much earlier.
		boolean exited = process.waitFor(120, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		String printed = Files.readString(stdout);
		assertThat(exited).as(printed).isTrue();
		assertThat(printed).as(printed).contains("listening on " + port);
	}

	@Test
	void theBuildpacksServerPortIsLeftAsItIs() {
		StandardEnvironment environment = cloudFoundry(Map.of("PORT", "8080", "SERVER_PORT", "9090"));
		postProcess(environment);
		assertThat(environment.getPropertySources().contains(CloudFoundryPortEnvironmentPostProcessor.PROPERTY_SOURCE))
			.isFalse();
		assertThat(environment.getProperty("server.port")).isEqualTo("9090");
	}

	@Test
	void outsideCloudFoundryPortMeansNothing() {
		StandardEnvironment environment = environment(Map.of("PORT", "3000"));
		postProcess(environment);
		assertThat(environment.getProperty("server.port")).isNull();
	}

	@Test
	void thePortRanksAboveApplicationYamlAndBelowTheCommandLine() {
		StandardEnvironment environment = cloudFoundry(Map.of("PORT", "8080"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'class path resource [application.yml]'",
					Map.of("server.port", "8081")));
		postProcess(environment);
		assertThat(environment.getProperty("server.port")).isEqualTo("8080");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of("server.port", "8082")));
		assertThat(environment.getProperty("server.port")).isEqualTo("8082");
	}

	private static StandardEnvironment cloudFoundry(Map<String, Object> variables) {
		Map<String, Object> withApplication = new java.util.HashMap<>(variables);
		withApplication.put("VCAP_APPLICATION", "{\"application_name\": \"bookshop\"}");
		return environment(withApplication);
	}

	/** An environment whose operating-system variables are exactly these. */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment() {
			@Override
			public Map<String, Object> getSystemEnvironment() {
				return variables;
			}
		};
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		return environment;
	}

	private static void postProcess(StandardEnvironment environment) {
		new CloudFoundryPortEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** The application of the child JVM: a web server on the port it is given; ends once it listens. */
	@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class WebApplication {

		public static void main(String[] args) {
			try (ConfigurableApplicationContext context = SpringApplication.run(WebApplication.class, args)) {
				System.out.println("listening on " + ((WebServerApplicationContext) context).getWebServer().getPort());
			}
		}

	}

}
