package dev.btpboot.samples.secureapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.samples.secureapi.SecureApiHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's curl calls, run locally with the mock users of application.yml. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecureApiMockUsersTests {

	@LocalServerPort
	int port;

	@Test
	void anonymousIsUnauthorized() {
		assertThat(get(this.port, "/api/reports", null).statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/hello", null).statusCode()).isEqualTo(401);
	}

	@Test
	void viewerReadsReportsButNotSettings() {
		assertThat(get(this.port, "/api/reports", basic("viewer", "viewer-pass")).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/api/admin/settings", basic("viewer", "viewer-pass")).statusCode())
			.isEqualTo(403);
		assertThat(get(this.port, "/hello", basic("viewer", "viewer-pass")).body()).isEqualTo("Hello, viewer!");
	}

	@Test
	void adminReadsSettings() {
		assertThat(get(this.port, "/api/admin/settings", basic("admin", "admin-pass")).body())
			.isEqualTo("{\"retentionDays\":30}");
		assertThat(get(this.port, "/api/me", basic("admin", "admin-pass")).body()).contains("\"name\":\"admin\"",
				"\"tenant\":\"tenant-1\"", "\"roles\":[\"Admin\",\"Viewer\"]");
	}

	@Test
	void probesAreOpenActuatorIsNot() {
		assertThat(get(this.port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health", null).statusCode()).isEqualTo(401);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
