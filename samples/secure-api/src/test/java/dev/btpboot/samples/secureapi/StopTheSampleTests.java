package dev.btpboot.samples.secureapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's way to stop the sample from another shell: in the profile dev the quick start runs
 * in, a mock user's POST to /actuator/shutdown closes the application, which then exits normally
 * (spring-boot:run ends with BUILD SUCCESS, unlike after a kill of the application's process).
 */
class StopTheSampleTests {

	@Test
	void theQuickStartStopsOnAShutdownRequestOfAMockUser() throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(SecureApiApplication.class,
				"--spring.profiles.active=dev", "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off");
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/shutdown"))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Shutting down");
			// Generous: two cores shared by several builds. The close ends much earlier.
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (context.isActive() && Instant.now().isBefore(deadline)) {
				Thread.sleep(50);
			}
			assertThat(context.isActive()).isFalse();
		}
		finally {
			context.close();
		}
	}

}
