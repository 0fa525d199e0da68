package dev.btpboot.samples.secureapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as the build processed it ahead of time ({@code spring-boot:process-aot} in this
 * module's pom), started as an AOT-optimised JVM image is: the repackaged jar with
 * {@code -Dspring.aot.enabled=true}, in a child JVM on a random loopback port.
 */
class SecureApiAotIT {

	private static final Path JAR = Path.of(System.getProperty("sample.jar"));

	/** Generous: two cores shared by several builds. A start ends much earlier. */
	private static final Duration START_DEADLINE = Duration.ofMinutes(4);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String XSUAA_SECRET = "xsuaa-S3cr3t-value-aot-0001";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@TempDir
	Path temp;

	@Test
	void theQuickStartCallsPassAgainstTheProcessedApplication() throws Exception {
		Process process = start(Map.of(), this.temp.resolve("local.log"), "--spring.profiles.active=dev");
		try {
			int port = awaitPort(process, this.temp.resolve("local.log"));
			assertThat(Files.readString(this.temp.resolve("local.log")))
				.contains("Starting AOT-processed SecureApiApplication");

			HttpResponse<String> anonymous = get(port, "/api/reports", null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).matches("Basic realm=\".+\".*"));

			HttpResponse<String> viewerReports = get(port, "/api/reports", "viewer:viewer-pass");
			assertThat(viewerReports.statusCode()).isEqualTo(200);
			assertThat(viewerReports.body()).isEqualTo("[\"revenue-2026-q3\",\"headcount-2026-q3\"]");

			assertThat(get(port, "/api/admin/settings", "viewer:viewer-pass").statusCode()).isEqualTo(403);

			HttpResponse<String> adminMe = get(port, "/api/me", "admin:admin-pass");
			assertThat(adminMe.statusCode()).isEqualTo(200);
			assertThat(adminMe.body())
				.isEqualTo("{\"name\":\"admin\",\"tenant\":\"tenant-1\",\"roles\":[\"Admin\",\"Viewer\"]}");
		}
		finally {
			process.destroy();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Processed without bindings, the application holds the mock-user beans only. Started on
	 * Cloud Foundry with an xsuaa binding, it must refuse to start rather than serve mock users.
	 */
	@Test
	void anImageProcessedWithoutBindingsRefusesToStartWhereXsuaaIsBound() throws Exception {
		Path log = this.temp.resolve("cloud.log");
		Process process = start(Map.of("VCAP_APPLICATION", "{\"application_name\":\"secure-api\"}",
				"VCAP_SERVICES", "{\"xsuaa\":[" + xsuaaBinding() + "]}"), log);
		boolean exited = process.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log);
		assertThat(exited).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("processed ahead of time", "MOCK (mock users", "decides JWT (an xsuaa or identity service is bound)")
			.contains("start it without -Dspring.aot.enabled=true")
			.doesNotContain("Tomcat started on port")
			.doesNotContain(XSUAA_SECRET);
	}

	private Process start(Map<String, String> platformEnvironment, Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--server.port=0",
				"--server.address=127.0.0.1"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// A developer's machine unless the test says otherwise: no platform variables inherited.
		Map<String, String> environment = builder.environment();
		List.of("VCAP_APPLICATION", "VCAP_SERVICES", "KUBERNETES_SERVICE_HOST", "SERVICE_BINDING_ROOT",
				"SPRING_PROFILES_ACTIVE")
			.forEach(environment::remove);
		environment.putAll(platformEnvironment);
		return builder.start();
	}

	private static int awaitPort(Process process, Path log) throws Exception {
		Instant deadline = Instant.now().plus(START_DEADLINE);
		while (Instant.now().isBefore(deadline)) {
			String output = Files.readString(log);
			Matcher port = PORT.matcher(output);
			if (port.find()) {
				return Integer.parseInt(port.group(1));
			}
			assertThat(process.isAlive()).as("the application stopped:%n%s", output).isTrue();
			Thread.sleep(250);
		}
		throw new AssertionError("no port within " + START_DEADLINE + ":\n" + Files.readString(log));
	}

	private HttpResponse<String> get(int port, String path, String basicCredentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60));
		if (basicCredentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String xsuaaBinding() {
		return """
				{"label":"xsuaa","plan":"application","name":"secure-api-uaa","tags":["xsuaa"],
				 "credentials":{"clientid":"sb-secure-api!t1","clientsecret":"%s","xsappname":"secure-api!t1",
				  "url":"https://acme.authentication.eu10.hana.ondemand.com",
				  "uaadomain":"authentication.eu10.hana.ondemand.com","identityzone":"acme","tenantmode":"dedicated"}}
				""".formatted(XSUAA_SECRET);
	}

}
